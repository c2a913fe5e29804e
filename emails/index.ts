import type { TFunction } from 'i18next'
import type { RenderedEmail } from './layout.ts'
import { testMessage, type TestMessageData } from './test-message.ts'
import {
  invitation,
  magicLink,
  organisationApproved,
  passwordReset,
  type InvitationData,
  type LinkEmailData,
  type OrganisationDecisionData,
} from './auth.ts'
import {
  organisationRegistered,
  organisationRejected,
  type OrganisationRegisteredData,
  type OrganisationRejectedData,
} from './organisations.ts'
import { sessionCancelled, type SessionCancelledData } from './activities.ts'
import {
  signupConfirmed,
  signupWaitlisted,
  waitlistOffer,
  type SignupConfirmedData,
  type SignupWaitlistedData,
  type WaitlistOfferData,
} from './signups.ts'

// Every message the platform sends, by name. The outbox renders through this table so a
// template's data is type-checked where the message is enqueued.
export interface EmailTemplates {
  test: TestMessageData
  magicLink: LinkEmailData
  passwordReset: LinkEmailData
  invitation: InvitationData
  organisationApproved: OrganisationDecisionData
  organisationRegistered: OrganisationRegisteredData
  organisationRejected: OrganisationRejectedData
  sessionCancelled: SessionCancelledData
  signupConfirmed: SignupConfirmedData
  signupWaitlisted: SignupWaitlistedData
  waitlistOffer: WaitlistOfferData
}

export const templates: {
  [K in keyof EmailTemplates]: (t: TFunction, data: EmailTemplates[K]) => RenderedEmail
} = {
  test: testMessage,
  magicLink,
  passwordReset,
  invitation,
  organisationApproved,
  organisationRegistered,
  organisationRejected,
  sessionCancelled,
  signupConfirmed,
  signupWaitlisted,
  waitlistOffer,
}

export type { RenderedEmail }
