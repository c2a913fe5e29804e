import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

export interface OrganisationRegisteredData {
  name?: string | null
  organisation: string
  municipality: string
  /** The contact's invitation to become the organisation's coordinator. */
  url: string
  days: number
}

/** To the contact person who registered an organisation: thanks, what happens next, their account link. */
export function organisationRegistered(
  t: TFunction,
  data: OrganisationRegisteredData,
): RenderedEmail {
  return layout(t, {
    subject: t('emails.organisationRegistered.subject', { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t('emails.organisationRegistered.body', {
        organisation: data.organisation,
        municipality: data.municipality,
      }),
      t('emails.organisationRegistered.account', { days: data.days }),
    ],
    link: { href: data.url, label: t('emails.organisationRegistered.action') },
  })
}

export interface OrganisationRejectedData {
  name?: string | null
  organisation: string
  municipality: string
  reason: string
}

export function organisationRejected(t: TFunction, data: OrganisationRejectedData): RenderedEmail {
  return layout(t, {
    subject: t('emails.organisationRejected.subject', { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t('emails.organisationRejected.body', {
        organisation: data.organisation,
        municipality: data.municipality,
      }),
      t('emails.organisationRejected.reason', { reason: data.reason }),
      t('emails.organisationRejected.contact', { municipality: data.municipality }),
    ],
  })
}
