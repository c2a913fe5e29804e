import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

// Social free card messages: the yearly cap warnings (80 % and 100 %) to the citizen and their
// caseworker, and the caseworker's reminder that a control of the decision is due.

export interface FrikortThresholdData {
  name?: string | null
  threshold: 80 | 100
  year: number
  /** Amounts already written in the recipient's language ("34.500"). */
  total: string
  cap: string
  remaining: string
  link: string
}

/** To the citizen: how much of this year's cap is used and what is left. */
export function frikortThreshold(t: TFunction, data: FrikortThresholdData): RenderedEmail {
  const k = 'emails.frikortThreshold'
  const values = { year: data.year, total: data.total, cap: data.cap, remaining: data.remaining }
  return layout(t, {
    subject: t(`${k}.subject${data.threshold}`, values),
    name: data.name,
    paragraphs: [t(`${k}.body${data.threshold}`, values), t(`${k}.benefits`), t(`${k}.employers`)],
    link: { href: data.link, label: t(`${k}.linkLabel`) },
  })
}

export interface FrikortThresholdCaseworkerData extends FrikortThresholdData {
  citizen: string
}

/** To the citizen's caseworker: the same news, with the citizen's name. */
export function frikortThresholdCaseworker(
  t: TFunction,
  data: FrikortThresholdCaseworkerData,
): RenderedEmail {
  const k = 'emails.frikortThresholdCaseworker'
  const values = {
    citizen: data.citizen,
    year: data.year,
    total: data.total,
    cap: data.cap,
    remaining: data.remaining,
  }
  return layout(t, {
    subject: t(`${k}.subject${data.threshold}`, values),
    name: data.name,
    paragraphs: [t(`${k}.body${data.threshold}`, values), t(`${k}.viaCaseworker`)],
    link: { href: data.link, label: t(`${k}.linkLabel`) },
  })
}

export interface FrikortDiscreetData {
  name?: string | null
  link: string
}

/** To a citizen with a safety flag: no subject matter in the message, only a way in. */
export function frikortDiscreet(t: TFunction, data: FrikortDiscreetData): RenderedEmail {
  const k = 'emails.frikortDiscreet'
  return layout(t, {
    subject: t(`${k}.subject`),
    name: data.name,
    paragraphs: [t(`${k}.body`)],
    link: { href: data.link, label: t(`${k}.linkLabel`) },
  })
}

export interface FrikortControlDueData {
  name?: string | null
  citizen: string
  /** The due date, already written in the recipient's language. */
  due: string
  link: string
}

/** To the caseworker, 30 days before the decision's control is due. */
export function frikortControlDue(t: TFunction, data: FrikortControlDueData): RenderedEmail {
  const k = 'emails.frikortControlDue'
  return layout(t, {
    subject: t(`${k}.subject`, { citizen: data.citizen }),
    name: data.name,
    paragraphs: [t(`${k}.body`, { citizen: data.citizen, due: data.due })],
    link: { href: data.link, label: t(`${k}.linkLabel`) },
  })
}
