import type { TFunction } from 'i18next'
import type { RequirementKind, VolunteerRole } from '../db/schema.ts'
import { layout, type RenderedEmail } from './layout.ts'

// Messages about volunteering: the sign-up, the screening steps, expiring requirements, pauses
// and reviewed hours. Dates arrive formatted in the recipient's language; role and requirement
// codes are translated here, in the recipient's language.

const E = 'emails'
const kindName = (t: TFunction, kind: RequirementKind) => t(`common.volunteer.requirements.${kind}`)
const list = (t: TFunction, items: string[]) => items.join(t('emails.volunteerLists.separator'))

export interface VolunteerConfirmData {
  name: string
  organisations: string[]
  url: string
  hours: number
  /** The address already had an account: the link signs that account in. */
  existing: boolean
}

export function volunteerConfirm(t: TFunction, data: VolunteerConfirmData): RenderedEmail {
  const K = `${E}.volunteerConfirm`
  return layout(t, {
    subject: t(`${K}.subject`),
    name: data.name,
    paragraphs: [
      t(`${K}.body`, { organisations: list(t, data.organisations) }),
      data.existing ? t(`${K}.existing`) : t(`${K}.new`),
      t(`${K}.expires`, { hours: data.hours }),
      t(`${K}.notYou`),
    ],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

export interface VolunteerReceivedData {
  name: string
  organisations: string[]
  url: string
}

export function volunteerReceived(t: TFunction, data: VolunteerReceivedData): RenderedEmail {
  const K = `${E}.volunteerReceived`
  return layout(t, {
    subject: t(`${K}.subject`),
    name: data.name,
    paragraphs: [t(`${K}.body`, { organisations: list(t, data.organisations) }), t(`${K}.next`)],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

export interface VolunteerNewApplicantData {
  name: string
  volunteer: string
  organisation: string
  roles: VolunteerRole[]
  url: string
}

export function volunteerNewApplicant(
  t: TFunction,
  data: VolunteerNewApplicantData,
): RenderedEmail {
  const K = `${E}.volunteerNewApplicant`
  const roles = list(
    t,
    data.roles.map((r) => t(`common.volunteer.roles.${r}`)),
  )
  return layout(t, {
    subject: t(`${K}.subject`, { organisation: data.organisation }),
    name: data.name,
    paragraphs: [t(`${K}.body`, { volunteer: data.volunteer, roles }), t(`${K}.next`)],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

export interface VolunteerApprovedData {
  name: string
  organisation: string
  url: string
}

export function volunteerApproved(t: TFunction, data: VolunteerApprovedData): RenderedEmail {
  const K = `${E}.volunteerApproved`
  return layout(t, {
    subject: t(`${K}.subject`, { organisation: data.organisation }),
    name: data.name,
    paragraphs: [t(`${K}.body`, { organisation: data.organisation }), t(`${K}.next`)],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

export interface VolunteerReminderData {
  name: string
  organisation: string
  missing: RequirementKind[]
  url: string
}

export function volunteerReminder(t: TFunction, data: VolunteerReminderData): RenderedEmail {
  const K = `${E}.volunteerReminder`
  return layout(t, {
    subject: t(`${K}.subject`, { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t(`${K}.body`, { organisation: data.organisation }),
      ...data.missing.map((k) => `– ${kindName(t, k)}`),
      t(`${K}.next`),
    ],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

interface AboutVolunteer {
  name: string
  organisation: string
  url: string
  /** To the volunteer themself, or to a coordinator about them. */
  audience: 'volunteer' | 'coordinator'
  volunteer: string
}

export interface VolunteerExpiringData extends AboutVolunteer {
  kind: RequirementKind
  /** Formatted in the recipient's language. */
  expiresOn: string
  days: number
}

export function volunteerExpiring(t: TFunction, data: VolunteerExpiringData): RenderedEmail {
  const K = `${E}.volunteerExpiring`
  const values = {
    requirement: kindName(t, data.kind),
    date: data.expiresOn,
    organisation: data.organisation,
    volunteer: data.volunteer,
    count: data.days,
  }
  return layout(t, {
    subject: t(`${K}.subject.${data.audience}`, values),
    name: data.name,
    paragraphs: [t(`${K}.body.${data.audience}`, values), t(`${K}.next.${data.audience}`, values)],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

export interface VolunteerBackToScreeningData extends AboutVolunteer {
  kinds: RequirementKind[]
}

export function volunteerBackToScreening(
  t: TFunction,
  data: VolunteerBackToScreeningData,
): RenderedEmail {
  const K = `${E}.volunteerBackToScreening`
  const values = {
    requirements: list(
      t,
      data.kinds.map((k) => kindName(t, k)),
    ),
    organisation: data.organisation,
    volunteer: data.volunteer,
  }
  return layout(t, {
    subject: t(`${K}.subject.${data.audience}`, values),
    name: data.name,
    paragraphs: [t(`${K}.body.${data.audience}`, values), t(`${K}.next.${data.audience}`, values)],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

export type VolunteerPausedData = AboutVolunteer

export function volunteerPaused(t: TFunction, data: VolunteerPausedData): RenderedEmail {
  const K = `${E}.volunteerPaused`
  const values = { organisation: data.organisation, volunteer: data.volunteer }
  return layout(t, {
    subject: t(`${K}.subject.${data.audience}`, values),
    name: data.name,
    paragraphs: [t(`${K}.body.${data.audience}`, values)],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}

export interface VolunteerHoursReviewedData {
  name: string
  organisation: string
  /** The day the hours were worked, formatted. */
  date: string
  decision: 'approved' | 'corrected' | 'rejected'
  /** "2 t 30 min", formatted. */
  duration: string
  url: string
}

export function volunteerHoursReviewed(
  t: TFunction,
  data: VolunteerHoursReviewedData,
): RenderedEmail {
  const K = `${E}.volunteerHoursReviewed`
  return layout(t, {
    subject: t(`${K}.subject`, { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t(`${K}.body.${data.decision}`, {
        date: data.date,
        duration: data.duration,
        organisation: data.organisation,
      }),
    ],
    link: { href: data.url, label: t(`${K}.action`) },
  })
}
