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
}

export type { RenderedEmail }
