import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

// Referral (henvisning) messages. None of them names the citizen: the reader follows the link
// and signs in. For a citizen with the safety flag they do not name the organisation or the
// activity either (`discreet`), so a message seen over a shoulder says nothing.

export type ReferralKindName = 'buddy' | 'activity' | 'organisation' | 'frikort'

export interface ReferralReceivedData {
  name?: string | null
  organisation: string
  kind: ReferralKindName
  /** The deadline for an answer, already written in the recipient's language. */
  deadline: string
  link: string
  discreet: boolean
}

/** To the receiving organisation's coordinators. */
export function referralReceived(t: TFunction, data: ReferralReceivedData): RenderedEmail {
  const k = 'emails.referralReceived'
  return layout(t, {
    subject: data.discreet
      ? t(`${k}.subjectDiscreet`)
      : t(`${k}.subject`, { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      data.discreet
        ? t(`${k}.bodyDiscreet`)
        : t(`${k}.body`, {
            organisation: data.organisation,
            kind: t(`common.referral.kinds.${data.kind}`),
          }),
      t(`${k}.deadline`, { deadline: data.deadline }),
    ],
    link: { href: data.link, label: t(`${k}.link`) },
  })
}

export interface ReferralReminderData {
  name?: string | null
  organisation: string
  deadline: string
  link: string
  discreet: boolean
}

/** To the organisation's coordinators, 7 and 12 days after a referral was sent unanswered. */
export function referralReminder(t: TFunction, data: ReferralReminderData): RenderedEmail {
  const k = 'emails.referralReminder'
  return layout(t, {
    subject: t(`${k}.subject`),
    name: data.name,
    paragraphs: [
      data.discreet
        ? t(`${k}.bodyDiscreet`, { deadline: data.deadline })
        : t(`${k}.body`, { organisation: data.organisation, deadline: data.deadline }),
    ],
    link: { href: data.link, label: t(`${k}.link`) },
  })
}

export interface ReferralAnsweredData {
  name?: string | null
  organisation: string
  state: 'accepted' | 'declined' | 'in_progress' | 'completed' | 'cancelled' | 'expired'
  /** What the organisation wrote when declining or cancelling. */
  reason: string | null
  link: string
  discreet: boolean
}

/** To the referring caseworker: the organisation answered, or the referral expired. */
export function referralAnswered(t: TFunction, data: ReferralAnsweredData): RenderedEmail {
  const k = 'emails.referralAnswered'
  const state = t(`common.referral.states.${data.state}`)
  return layout(t, {
    subject: data.discreet
      ? t(`${k}.subjectDiscreet`, { state })
      : t(`${k}.subject`, { organisation: data.organisation, state }),
    name: data.name,
    paragraphs: [
      data.discreet
        ? t(`${k}.bodyDiscreet`, { state })
        : t(`${k}.body`, { organisation: data.organisation, state }),
      ...(data.reason ? [t(`${k}.reason`, { reason: data.reason })] : []),
    ],
    link: { href: data.link, label: t(`${k}.link`) },
  })
}

export interface ReferralCancelledData {
  name?: string | null
  organisation: string
  reason: string
  link: string
  discreet: boolean
}

/** To the organisation's coordinators when the caseworker cancels a referral. */
export function referralCancelled(t: TFunction, data: ReferralCancelledData): RenderedEmail {
  const k = 'emails.referralCancelled'
  return layout(t, {
    subject: t(`${k}.subject`),
    name: data.name,
    paragraphs: [
      data.discreet ? t(`${k}.bodyDiscreet`) : t(`${k}.body`, { organisation: data.organisation }),
      t(`${k}.reason`, { reason: data.reason }),
    ],
    link: { href: data.link, label: t(`${k}.link`) },
  })
}
