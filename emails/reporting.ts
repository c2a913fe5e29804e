import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

// Messages about the §18 status report: asked for, due soon, submitted, approved or returned.
// Organisation and period arrive as text; the link opens the report's own page.

interface ReportEmailBase {
  name?: string | null
  partnership: string
  /** "1. januar 2025 – 30. juni 2025" */
  period: string
  url: string
}

export interface ReportRequestedData extends ReportEmailBase {
  municipality: string
  /** "15. august 2025" */
  due: string
}

export function reportRequested(t: TFunction, data: ReportRequestedData): RenderedEmail {
  return layout(t, {
    subject: t('emails.reportRequested.subject', { partnership: data.partnership }),
    name: data.name,
    paragraphs: [
      t('emails.reportRequested.body', {
        municipality: data.municipality,
        partnership: data.partnership,
        period: data.period,
      }),
      t('emails.reportRequested.due', { due: data.due }),
    ],
    link: { href: data.url, label: t('emails.reportRequested.action') },
  })
}

export interface ReportDueData extends ReportEmailBase {
  due: string
}

export function reportDue(t: TFunction, data: ReportDueData): RenderedEmail {
  return layout(t, {
    subject: t('emails.reportDue.subject', { due: data.due }),
    name: data.name,
    paragraphs: [
      t('emails.reportDue.body', {
        partnership: data.partnership,
        period: data.period,
        due: data.due,
      }),
    ],
    link: { href: data.url, label: t('emails.reportDue.action') },
  })
}

export interface ReportSubmittedData extends ReportEmailBase {
  organisation: string
}

export function reportSubmitted(t: TFunction, data: ReportSubmittedData): RenderedEmail {
  return layout(t, {
    subject: t('emails.reportSubmitted.subject', { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t('emails.reportSubmitted.body', {
        organisation: data.organisation,
        partnership: data.partnership,
        period: data.period,
      }),
    ],
    link: { href: data.url, label: t('emails.reportSubmitted.action') },
  })
}

export interface ReportDecidedData extends ReportEmailBase {
  decision: 'approved' | 'returned'
  comment: string | null
}

export function reportDecided(t: TFunction, data: ReportDecidedData): RenderedEmail {
  return layout(t, {
    subject: t(`emails.reportDecided.subject.${data.decision}`, { partnership: data.partnership }),
    name: data.name,
    paragraphs: [
      t(`emails.reportDecided.body.${data.decision}`, {
        partnership: data.partnership,
        period: data.period,
      }),
      ...(data.comment ? [t('emails.reportDecided.comment', { comment: data.comment })] : []),
    ],
    link: { href: data.url, label: t('emails.reportDecided.action') },
  })
}
