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
import {
  volunteerApproved,
  volunteerBackToScreening,
  volunteerConfirm,
  volunteerExpiring,
  volunteerHoursReviewed,
  volunteerNewApplicant,
  volunteerPaused,
  volunteerReceived,
  volunteerReminder,
  type VolunteerApprovedData,
  type VolunteerBackToScreeningData,
  type VolunteerConfirmData,
  type VolunteerExpiringData,
  type VolunteerHoursReviewedData,
  type VolunteerNewApplicantData,
  type VolunteerPausedData,
  type VolunteerReceivedData,
  type VolunteerReminderData,
} from './volunteers.ts'

import {
  referralAnswered,
  referralCancelled,
  referralReceived,
  referralReminder,
  type ReferralAnsweredData,
  type ReferralCancelledData,
  type ReferralReceivedData,
  type ReferralReminderData,
} from './referrals.ts'
import {
  consentExpiring,
  consentWithdrawn,
  type ConsentExpiringData,
  type ConsentWithdrawnData,
} from './consent.ts'

import {
  frikortControlDue,
  frikortDiscreet,
  frikortThreshold,
  frikortThresholdCaseworker,
  type FrikortControlDueData,
  type FrikortDiscreetData,
  type FrikortThresholdCaseworkerData,
  type FrikortThresholdData,
} from './frikort.ts'

import {
  courseConcern,
  courseStarted,
  matchProposal,
  matchProposalCitizen,
  type CourseConcernData,
  type CourseStartedData,
  type MatchProposalCitizenData,
  type MatchProposalData,
} from './matching.ts'
import {
  reportDecided,
  reportDue,
  reportRequested,
  reportSubmitted,
  type ReportDecidedData,
  type ReportDueData,
  type ReportRequestedData,
  type ReportSubmittedData,
} from './reporting.ts'
// Every message the platform sends, by name. The outbox renders through this table so a
// template's data is type-checked where the message is enqueued.
export interface EmailTemplates {
  matchProposal: MatchProposalData
  matchProposalCitizen: MatchProposalCitizenData
  courseStarted: CourseStartedData
  courseConcern: CourseConcernData
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
  volunteerConfirm: VolunteerConfirmData
  volunteerReceived: VolunteerReceivedData
  volunteerNewApplicant: VolunteerNewApplicantData
  volunteerApproved: VolunteerApprovedData
  volunteerReminder: VolunteerReminderData
  volunteerExpiring: VolunteerExpiringData
  volunteerBackToScreening: VolunteerBackToScreeningData
  volunteerPaused: VolunteerPausedData
  volunteerHoursReviewed: VolunteerHoursReviewedData
  referralReceived: ReferralReceivedData
  referralReminder: ReferralReminderData
  referralAnswered: ReferralAnsweredData
  referralCancelled: ReferralCancelledData
  consentWithdrawn: ConsentWithdrawnData
  consentExpiring: ConsentExpiringData
  frikortThreshold: FrikortThresholdData
  frikortThresholdCaseworker: FrikortThresholdCaseworkerData
  frikortDiscreet: FrikortDiscreetData
  frikortControlDue: FrikortControlDueData
  reportRequested: ReportRequestedData
  reportDue: ReportDueData
  reportSubmitted: ReportSubmittedData
  reportDecided: ReportDecidedData
}

export const templates: {
  [K in keyof EmailTemplates]: (t: TFunction, data: EmailTemplates[K]) => RenderedEmail
} = {
  test: testMessage,
  matchProposal,
  matchProposalCitizen,
  courseStarted,
  courseConcern,
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
  volunteerConfirm,
  volunteerReceived,
  volunteerNewApplicant,
  volunteerApproved,
  volunteerReminder,
  volunteerExpiring,
  volunteerBackToScreening,
  volunteerPaused,
  volunteerHoursReviewed,
  referralReceived,
  referralReminder,
  referralAnswered,
  referralCancelled,
  consentWithdrawn,
  consentExpiring,
  frikortThreshold,
  frikortThresholdCaseworker,
  frikortDiscreet,
  frikortControlDue,
  reportRequested,
  reportDue,
  reportSubmitted,
  reportDecided,
}

export type { RenderedEmail }
