import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

export interface LinkEmailData {
  name: string
  url: string
  minutes: number
}

export function magicLink(t: TFunction, data: LinkEmailData): RenderedEmail {
  return layout(t, {
    subject: t('emails.magicLink.subject'),
    name: data.name,
    paragraphs: [
      t('emails.magicLink.body', { minutes: data.minutes }),
      t('emails.magicLink.ignore'),
    ],
    link: { href: data.url, label: t('emails.magicLink.action') },
  })
}

export function passwordReset(t: TFunction, data: LinkEmailData): RenderedEmail {
  return layout(t, {
    subject: t('emails.passwordReset.subject'),
    name: data.name,
    paragraphs: [
      t('emails.passwordReset.body', { minutes: data.minutes }),
      t('emails.passwordReset.ignore'),
    ],
    link: { href: data.url, label: t('emails.passwordReset.action') },
  })
}

export interface InvitationData {
  name?: string | null
  inviter: string
  /** Already translated role name in the recipient's language, e.g. "sagsbehandler". */
  roleKey: string
  place: string
  url: string
  days: number
}

export function invitation(t: TFunction, data: InvitationData): RenderedEmail {
  return layout(t, {
    subject: t('emails.invitation.subject', { place: data.place }),
    name: data.name,
    paragraphs: [
      t('emails.invitation.body', {
        inviter: data.inviter,
        role: t(`common.roles.${data.roleKey}`),
        place: data.place,
      }),
      t('emails.invitation.expires', { days: data.days }),
    ],
    link: { href: data.url, label: t('emails.invitation.action') },
  })
}

export interface OrganisationDecisionData {
  name?: string | null
  organisation: string
  municipality: string
  url: string
}

export function organisationApproved(t: TFunction, data: OrganisationDecisionData): RenderedEmail {
  return layout(t, {
    subject: t('emails.organisationApproved.subject', { organisation: data.organisation }),
    name: data.name,
    paragraphs: [
      t('emails.organisationApproved.body', {
        organisation: data.organisation,
        municipality: data.municipality,
      }),
    ],
    link: { href: data.url, label: t('emails.organisationApproved.action') },
  })
}
