import type { TFunction } from 'i18next'
import { layout, type RenderedEmail } from './layout.ts'

// Messages about a place at an activity. Dates arrive formatted in the recipient's language;
// each link opens the holder's own sign-up page, where they can cancel or say yes.

interface SignupEmailBase {
  name?: string | null
  activity: string
  /** "tirsdag den 24. november 2026 kl. 17.00–19.00" */
  when: string
  url: string
}

export type SignupConfirmedData = SignupEmailBase

export function signupConfirmed(t: TFunction, data: SignupConfirmedData): RenderedEmail {
  return layout(t, {
    subject: t('emails.signupConfirmed.subject', { activity: data.activity }),
    name: data.name,
    paragraphs: [
      t('emails.signupConfirmed.body', { activity: data.activity, when: data.when }),
      t('emails.signupConfirmed.cancel'),
    ],
    link: { href: data.url, label: t('emails.signupConfirmed.action') },
  })
}

export interface SignupWaitlistedData extends SignupEmailBase {
  position: number
  hours: number
}

export function signupWaitlisted(t: TFunction, data: SignupWaitlistedData): RenderedEmail {
  return layout(t, {
    subject: t('emails.signupWaitlisted.subject', { activity: data.activity }),
    name: data.name,
    paragraphs: [
      t('emails.signupWaitlisted.body', {
        activity: data.activity,
        when: data.when,
        position: data.position,
      }),
      t('emails.signupWaitlisted.next', { hours: data.hours }),
    ],
    link: { href: data.url, label: t('emails.signupWaitlisted.action') },
  })
}

export interface WaitlistOfferData extends SignupEmailBase {
  /** "onsdag den 25. november 2026 kl. 18.30" */
  deadline: string
}

export function waitlistOffer(t: TFunction, data: WaitlistOfferData): RenderedEmail {
  return layout(t, {
    subject: t('emails.waitlistOffer.subject', { activity: data.activity }),
    name: data.name,
    paragraphs: [
      t('emails.waitlistOffer.body', { activity: data.activity, when: data.when }),
      t('emails.waitlistOffer.deadline', { deadline: data.deadline }),
    ],
    link: { href: data.url, label: t('emails.waitlistOffer.action') },
  })
}
