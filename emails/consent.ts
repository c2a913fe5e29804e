import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

// Consent (samtykke) messages. They name no citizen; for a citizen with the safety flag they do
// not name organisations either.

export interface ConsentWithdrawnData {
  name?: string | null
  audience: 'organisation' | 'caseworker' | 'citizen'
  /** The organisations the consent named, joined for reading. */
  organisations: string
  /** Open referrals closed by the withdrawal. */
  cancelledReferrals: number
  link: string
  discreet: boolean
}

export function consentWithdrawn(t: TFunction, data: ConsentWithdrawnData): RenderedEmail {
  const k = `emails.consentWithdrawn.${data.audience}`
  return layout(t, {
    subject: t(`${k}.subject`),
    name: data.name,
    paragraphs: [
      data.discreet
        ? t(`${k}.bodyDiscreet`)
        : t(`${k}.body`, { organisations: data.organisations }),
      ...(data.cancelledReferrals > 0
        ? [t(`${k}.cancelled`, { count: data.cancelledReferrals })]
        : []),
    ],
    link: { href: data.link, label: t(`${k}.link`) },
  })
}

export interface ConsentExpiringData {
  name?: string | null
  /** The day it expires, already written in the recipient's language. */
  expiresOn: string
  link: string
}

/** To the citizen's caseworkers, 30 days before a consent runs out. */
export function consentExpiring(t: TFunction, data: ConsentExpiringData): RenderedEmail {
  const k = 'emails.consentExpiring'
  return layout(t, {
    subject: t(`${k}.subject`),
    name: data.name,
    paragraphs: [t(`${k}.body`, { expiresOn: data.expiresOn }), t(`${k}.next`)],
    link: { href: data.link, label: t(`${k}.link`) },
  })
}
