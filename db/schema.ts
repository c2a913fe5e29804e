import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely'

// Hand-written to match db/migrations. snake_case columns, as in SQL.
type Timestamp = ColumnType<Date, Date | string, Date | string>
// kysely does not unwrap Generated<ColumnType<…>>, so generated timestamps get their own type.
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
type DateOnly = ColumnType<string, string, string>
type Json = ColumnType<Record<string, unknown>, string | undefined, string>

export interface MunicipalityTable {
  id: Generated<string>
  slug: string
  name: string
  code: string | null
  social_emergency_phone: string | null
  created_at: GeneratedTimestamp
}

export interface AreaTable {
  id: Generated<string>
  municipality_id: string
  slug: string
  name: string
  created_at: GeneratedTimestamp
}

export interface GoalFrameworkTable {
  id: Generated<string>
  municipality_id: string
  name: string
  valid_from: DateOnly | null
  valid_to: DateOnly | null
  created_at: GeneratedTimestamp
}

export interface GoalTable {
  id: Generated<string>
  framework_id: string
  position: number
  title_da: string
  title_en: string
}

export interface TargetGroupTable {
  id: Generated<string>
  code: string
  name_da: string
  name_en: string
  sensitive: Generated<boolean>
}

export type OrganisationType = 'association' | 'drop_in' | 'ngo' | 'social_enterprise' | 'employer'
export type OrganisationStatus = 'pending' | 'approved' | 'suspended'

export interface OrganisationTable {
  id: Generated<string>
  name: string
  type: OrganisationType
  cvr: string | null
  description: string | null
  email: string | null
  phone: string | null
  website: string | null
  street_address: string | null
  postal_code: string | null
  city: string | null
  home_municipality_id: string | null
  status: Generated<OrganisationStatus>
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed'

export interface OutboxMessageTable {
  id: Generated<string>
  to_address: string
  to_name: string | null
  language: Generated<'da' | 'en'>
  template: string
  subject: string
  text_body: string
  html_body: string | null
  status: Generated<OutboxStatus>
  attempts: Generated<number>
  next_attempt_at: GeneratedTimestamp
  locked_until: Timestamp | null
  last_error: string | null
  dedupe_key: string | null
  created_at: GeneratedTimestamp
  sent_at: Timestamp | null
}

export interface OutboxAttemptTable {
  id: Generated<string>
  message_id: string
  attempted_at: GeneratedTimestamp
  ok: boolean
  error: string | null
}

export interface EventTable {
  id: Generated<string>
  occurred_at: GeneratedTimestamp
  municipality_id: string | null
  actor_person_id: string | null
  entity_type: string
  entity_id: string
  type: string
  data: Json
}

export interface AuditLogTable {
  id: Generated<string>
  occurred_at: GeneratedTimestamp
  actor_person_id: string | null
  municipality_id: string | null
  action: string
  record_type: string | null
  record_id: string | null
  subject_citizen_id: string | null
  ip_hash: string | null
  page: string | null
  details: Json
}

export type Language = 'da' | 'en'
export type ContactPreference = 'email' | 'sms' | 'phone' | 'via_caseworker'
export type MunicipalRole = 'caseworker' | 'administrator' | 'council_viewer'
export type OrgRole = 'coordinator' | 'staff'
export type InvitationRole = MunicipalRole | OrgRole
export type AuthAttemptKind =
  'password' | 'pin' | 'totp' | 'magic_link' | 'access_code' | 'password_reset'

export interface PersonTable {
  id: Generated<string>
  email: string | null
  display_name: string
  language: Generated<Language>
  contact_preference: Generated<ContactPreference>
  phone: string | null
  password_hash: string | null
  totp_secret_enc: string | null
  totp_pending_secret_enc: string | null
  totp_enabled_at: Timestamp | null
  totp_last_step: number | null
  email_verified_at: Timestamp | null
  is_demo: Generated<boolean>
  deleted_at: Timestamp | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface RecoveryCodeTable {
  id: Generated<string>
  person_id: string
  code_hash: string
  used_at: Timestamp | null
  created_at: GeneratedTimestamp
}

export interface MunicipalRoleTable {
  id: Generated<string>
  person_id: string
  municipality_id: string
  role: MunicipalRole
  granted_by: string | null
  granted_at: GeneratedTimestamp
}

export interface OrganisationMembershipTable {
  id: Generated<string>
  person_id: string
  organisation_id: string
  role: OrgRole
  granted_by: string | null
  granted_at: GeneratedTimestamp
}

export interface CitizenTable {
  id: Generated<string>
  municipality_id: string
  person_id: string | null
  chosen_name: string
  created_by: string | null
  created_at: GeneratedTimestamp
  birth_year: number | null
  language: Generated<Language>
  area_id: string | null
  contact_preference: Generated<ContactPreference>
  phone: string | null
  email: string | null
  address: string | null
  safety_flag: Generated<boolean>
  anonymised_at: Timestamp | null
  updated_at: GeneratedTimestamp
}

export type VolunteerGender = 'woman' | 'man' | 'other'

export interface VolunteerProfileTable {
  person_id: string
  created_at: GeneratedTimestamp
  interests: Generated<string[]>
  interest_words: Generated<string[]>
  languages: Generated<string[]>
  area_id: string | null
  /** bit (day * 3 + slot): day 0 = Monday; slot 0/1/2 = morning/afternoon/evening */
  availability: Generated<number>
  gender: VolunteerGender | null
  birth_year: number | null
  prefers_gender: 'woman' | 'man' | null
  prefers_age_min: number | null
  prefers_age_max: number | null
  capacity: Generated<number>
  lived_experience: Generated<boolean>
  motivation: string | null
  consent_version: string | null
  consent_given_at: Timestamp | null
  updated_at: GeneratedTimestamp
  /** The interests/languages as bits in vocabulary order (generated; migration 0600). */
  interest_bits: GeneratedAlways<number>
  language_bits: GeneratedAlways<number>
}

export type VolunteerRole = 'buddy' | 'helper' | 'trainer' | 'peer' | 'trip_companion'
export type VolunteerState = 'applied' | 'screening' | 'approved' | 'active' | 'paused' | 'ended'
export type RequirementKind =
  'interview' | 'references' | 'criminal_record' | 'introduction_course' | 'confidentiality'

export interface VolunteerApplicationTable {
  id: Generated<string>
  person_id: string
  organisation_id: string
  roles: VolunteerRole[]
  state: Generated<VolunteerState>
  state_changed_at: GeneratedTimestamp
  state_reason: string | null
  confirmed_at: Timestamp | null
  created_at: GeneratedTimestamp
  /** First date the organisation's requirements are not all met; kept by triggers (0600). */
  requirements_valid_until: GeneratedAlways<string>
}

export interface OrganisationVolunteeringTable {
  organisation_id: string
  roles: VolunteerRole[]
  updated_by: string | null
  updated_at: GeneratedTimestamp
}

export interface OrganisationRequirementTable {
  id: Generated<string>
  organisation_id: string
  kind: RequirementKind
  valid_months: number | null
  created_at: GeneratedTimestamp
}

export interface VolunteerRequirementTable {
  id: Generated<string>
  application_id: string
  kind: RequirementKind
  checked_on: DateOnly
  expires_on: DateOnly | null
  recorded_by: string | null
  recorded_at: GeneratedTimestamp
  note: string | null
}

export interface VolunteerHoursTable {
  id: Generated<string>
  application_id: string
  session_id: string | null
  worked_on: DateOnly
  minutes: number
  note: string | null
  state: Generated<'submitted' | 'approved' | 'rejected'>
  approved_minutes: number | null
  reviewed_by: string | null
  reviewed_at: Timestamp | null
  submission_id: string | null
  created_at: GeneratedTimestamp
}

export interface CitizenCaseworkerTable {
  citizen_id: string
  person_id: string
  added_at: GeneratedTimestamp
}

export interface CitizenTargetGroupTable {
  citizen_id: string
  target_group_id: string
}

export type ConsentPurpose =
  'referral' | 'buddy_match' | 'frikort_matchmaking' | 'named_attendance' | 'contact_after_course'
export type DataCategory =
  'name' | 'contact' | 'birth_year' | 'area' | 'language' | 'referral_note' | 'frikort'
export type ConsentChannel = 'digital' | 'assisted' | 'paper' | 'oral'

export interface ConsentTable {
  id: Generated<string>
  citizen_id: string
  purpose: ConsentPurpose
  data_categories: DataCategory[]
  wording_version: string
  channel: ConsentChannel
  assisted_by: string | null
  recorded_by: string | null
  given_at: GeneratedTimestamp
  expires_at: Timestamp
  withdrawn_at: Timestamp | null
  withdrawn_by: string | null
  withdrawal_channel: ConsentChannel | null
  replaces_consent_id: string | null
  created_at: GeneratedTimestamp
}

export interface ConsentRecipientTable {
  consent_id: string
  organisation_id: string
}

export type ReferralKind = 'buddy' | 'activity' | 'organisation' | 'frikort'
export type ReferralState =
  'sent' | 'accepted' | 'declined' | 'in_progress' | 'completed' | 'cancelled' | 'expired'

export interface ReferralTable {
  id: Generated<string>
  citizen_id: string
  municipality_id: string
  caseworker_id: string | null
  to_organisation_id: string
  kind: ReferralKind
  activity_id: string | null
  consent_id: string
  shared_categories: Generated<DataCategory[]>
  note: string | null
  state: Generated<ReferralState>
  state_reason: string | null
  assisted_by: string | null
  sent_at: GeneratedTimestamp
  deadline_at: Timestamp
  answered_at: Timestamp | null
  closed_at: Timestamp | null
  reminded_7_at: Timestamp | null
  reminded_12_at: Timestamp | null
  updated_at: GeneratedTimestamp
}

export interface CaseworkerSeenTable {
  person_id: string
  seen_at: Timestamp
}

export interface SessionTable {
  id: string
  person_id: string
  created_at: GeneratedTimestamp
  last_seen_at: GeneratedTimestamp
  idle_timeout_seconds: number
  expires_at: Timestamp
  mfa_verified_at: Timestamp | null
  revoked_at: Timestamp | null
  revoked_reason: string | null
  user_agent: string | null
  ip_hash: string | null
}

export interface DeviceCredentialTable {
  id: Generated<string>
  person_id: string
  token_hash: string
  pin_hash: string
  label: string | null
  created_at: GeneratedTimestamp
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface LoginTokenTable {
  id: Generated<string>
  token_hash: string
  purpose: 'magic_link' | 'password_reset'
  person_id: string
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: GeneratedTimestamp
}

export interface AccessCodeTable {
  id: Generated<string>
  code_hash: string
  person_id: string
  issued_by: string | null
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: GeneratedTimestamp
}

export interface InvitationTable {
  id: Generated<string>
  token_hash: string
  email: string
  display_name: string | null
  municipality_id: string | null
  organisation_id: string | null
  role: InvitationRole
  invited_by: string | null
  expires_at: Timestamp
  accepted_at: Timestamp | null
  accepted_person_id: string | null
  revoked_at: Timestamp | null
  created_at: GeneratedTimestamp
}

export interface ErasureRequestTable {
  id: Generated<string>
  citizen_id: string
  requested_at: GeneratedTimestamp
  requested_by: string | null
  due_at: Timestamp
  completed_at: Timestamp | null
  completed_by: string | null
}

export interface AuthAttemptTable {
  id: Generated<number>
  kind: AuthAttemptKind
  key: string
  ok: boolean
  at: GeneratedTimestamp
}

export type ActivityCategory =
  'sport' | 'meal' | 'culture' | 'social_cafe' | 'network' | 'advice' | 'trip'
export type ActivityRole = 'participant' | 'spectator' | 'helper'
export type ScheduleFreq = 'once' | 'weekly' | 'monthly'
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'
export type SignupState =
  'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'attended' | 'no_show'
export type OutreachInstitutionType =
  'drop_in' | 'shelter' | 'supported_housing' | 'treatment' | 'job_centre' | 'association' | 'other'

export interface PartnershipTable {
  id: Generated<string>
  municipality_id: string
  organisation_id: string
  title: string
  pool_year: number
  amount_oere: number
  period_start: DateOnly
  period_end: DateOnly
  legal_basis: 'sel18' | 'sel82d'
  purpose: string
  created_by: string | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface PartnershipTargetGroupTable {
  partnership_id: string
  target_group_id: string
}

export interface PartnershipGoalTable {
  partnership_id: string
  goal_id: string
}

export interface SuccessCriterionTable {
  id: Generated<string>
  partnership_id: string
  position: number
  description: string
  target_value: number
  measure: Generated<'outreach' | 'manual'>
}

export interface CriterionProgressTable {
  id: Generated<string>
  criterion_id: string
  value: number
  note: string | null
  recorded_by: string | null
  recorded_at: GeneratedTimestamp
}

export interface OutreachLogTable {
  id: Generated<string>
  partnership_id: string
  contacted_on: DateOnly
  institution_type: OutreachInstitutionType
  institution: string
  outcome: string | null
  created_by: string | null
  created_at: GeneratedTimestamp
}

export interface ActivityTable {
  id: Generated<string>
  organisation_id: string
  title: string
  description: Generated<string>
  category: ActivityCategory
  location_name: string | null
  street_address: string | null
  postal_code: string | null
  city: string | null
  area_id: string | null
  latitude: number | null
  longitude: number | null
  phone: string | null
  email: string | null
  price_oere: Generated<number>
  capacity: number | null
  accessibility_note: string | null
  adaptation_note: string | null
  open_no_referral: Generated<boolean>
  no_membership: Generated<boolean>
  roles_offered: ColumnType<ActivityRole[], ActivityRole[] | undefined, ActivityRole[]>
  freq: Generated<ScheduleFreq>
  interval: Generated<number>
  byday: Weekday | null
  bysetpos: number | null
  dtstart: DateOnly
  until: DateOnly | null
  /** 'HH:MM:SS' local time */
  start_time: string
  end_time: string
  timezone: Generated<string>
  status: Generated<'draft' | 'published' | 'cancelled'>
  /** generated tsvector: never written */
  search: ColumnType<string, never, never>
  created_by: string | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface ActivityGoalTable {
  activity_id: string
  goal_id: string
}

export interface ActivityTargetGroupTable {
  activity_id: string
  target_group_id: string
}

export interface ActivityExceptionTable {
  activity_id: string
  on_date: DateOnly
  reason: string | null
  created_by: string | null
  created_at: GeneratedTimestamp
}

export interface ActivitySessionTable {
  id: Generated<string>
  activity_id: string
  starts_at: Timestamp
  ends_at: Timestamp
  local_date: DateOnly
  capacity: number | null
  status: Generated<'scheduled' | 'cancelled'>
  cancelled_reason: string | null
  created_at: GeneratedTimestamp
}

export interface SignupTable {
  id: Generated<string>
  session_id: string
  person_id: string | null
  guest_name: string | null
  guest_phone: string | null
  guest_email: string | null
  language: Generated<Language>
  role: Generated<ActivityRole>
  state: SignupState
  waitlisted_at: Timestamp | null
  offered_at: Timestamp | null
  offer_expires_at: Timestamp | null
  named_checkin: Generated<boolean>
  cancel_token_hash: string
  cancelled_at: Timestamp | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface SessionAttendanceTable {
  session_id: string
  anonymous_count: Generated<number>
  updated_by: string | null
  updated_at: GeneratedTimestamp
}

export interface KioskTable {
  id: Generated<string>
  session_id: string
  token_hash: string
  opened_by: string | null
  opened_at: GeneratedTimestamp
  expires_at: Timestamp
  closed_at: Timestamp | null
}

export interface SessionFeedbackTable {
  id: Generated<string>
  session_id: string
  rating: number
  created_at: GeneratedTimestamp
}

export interface CalendarFeedTable {
  id: Generated<string>
  person_id: string
  token_hash: string
  created_at: GeneratedTimestamp
  revoked_at: Timestamp | null
}

// Buddy matching and the course (forløb) — db/migrations/2026-11-24T0300_matching.ts
export type CourseState = 'proposed' | 'declined' | 'active' | 'paused' | 'closing' | 'closed'
export type MatchAnswer = 'pending' | 'yes' | 'no'
export type CourseType = 'coordination_companionship' | 'network_building'
export type VolunteerDeclineReason = 'no_time' | 'not_a_good_fit' | 'too_far' | 'personal' | 'other'
export type CloseReason =
  | 'goal_reached'
  | 'moved'
  | 'no_chemistry'
  | 'citizens_wish'
  | 'volunteer_stopped'
  | 'consent_withdrawn'
  | 'other'
export type MeetingType = 'accompany' | 'joint_activity' | 'social_contact' | 'phone'
export type AssessmentStage = 'start' | 'midway' | 'end'
export type TaskKind =
  'checkin' | 'self_assessment' | 'concern' | 'follow_up_call' | 'follow_up_invite'

export interface MatchSettingsTable {
  organisation_id: string
  weight_interest: Generated<number>
  weight_area: Generated<number>
  weight_slot: Generated<number>
  weight_language: Generated<number>
  weight_lived_experience: Generated<number>
  course_months: Generated<number>
  checkin_interval_days: Generated<number>
  updated_by: string | null
  updated_at: GeneratedTimestamp
}

export interface BuddyWishTable {
  referral_id: string
  interests: Generated<string[]>
  languages: Generated<string[]>
  area_id: string | null
  availability: Generated<number>
  gender: VolunteerGender | null
  prefers_gender: 'woman' | 'man' | null
  wants_lived_experience: Generated<boolean>
  note: string | null
  updated_by: string | null
  updated_at: GeneratedTimestamp
  interest_bits: GeneratedAlways<number>
  language_bits: GeneratedAlways<number>
}

export interface CourseTable {
  id: Generated<string>
  referral_id: string
  citizen_id: string
  municipality_id: string
  organisation_id: string
  volunteer_application_id: string
  volunteer_person_id: string
  state: Generated<CourseState>
  volunteer_answer: Generated<MatchAnswer>
  volunteer_answered_at: Timestamp | null
  volunteer_decline_reason: VolunteerDeclineReason | null
  citizen_answer: Generated<MatchAnswer>
  citizen_answered_at: Timestamp | null
  citizen_assisted_by: string | null
  volunteer_token_hash: string | null
  proposed_by: string | null
  proposed_at: GeneratedTimestamp
  course_type: Generated<CourseType>
  goals: string | null
  started_at: Timestamp | null
  planned_end: DateOnly | null
  checkin_interval_days: Generated<number>
  closed_at: Timestamp | null
  closed_by: string | null
  close_reason: CloseReason | null
  close_note: string | null
  anchoring_activity_id: string | null
  anchoring_none_reason: string | null
  follow_up: Generated<boolean>
  reopened_from_course_id: string | null
  updated_at: GeneratedTimestamp
}

export interface CourseMeetingTable {
  id: Generated<string>
  course_id: string
  met_on: DateOnly
  type: MeetingType
  minutes: number
  note: string | null
  logged_by: string | null
  created_at: GeneratedTimestamp
}

export interface CourseAssessmentTable {
  id: Generated<string>
  course_id: string
  stage: AssessmentStage
  own_goals: number
  people_around: number
  assisted_by: string | null
  recorded_at: GeneratedTimestamp
}

export interface CourseConcernTable {
  id: Generated<string>
  course_id: string
  raised_by: string | null
  text: string
  raised_at: GeneratedTimestamp
  handled_at: Timestamp | null
  handled_by: string | null
}

export interface TaskTable {
  id: Generated<string>
  kind: TaskKind
  course_id: string | null
  concern_id: string | null
  organisation_id: string | null
  assignee_person_id: string | null
  due_at: Timestamp
  done_at: Timestamp | null
  done_by: string | null
  dedupe_key: string | null
  created_at: GeneratedTimestamp
}

// Social free card (socialt frikort) — db/migrations/2026-11-24T0400_frikort.ts
export type FrikortDecisionStatus = 'active' | 'deactivated'
export type FrikortMatchState = 'suggested' | 'interested' | 'trial' | 'hired' | 'ended'
export type FrikortEndReason =
  'not_interested' | 'no_show' | 'job_ended' | 'citizen_wish' | 'moved_on' | 'other'

/** The municipality's decision (visitation). */
export interface FrikortDecisionTable {
  id: Generated<string>
  citizen_id: string
  municipality_id: string
  decided_on: DateOnly
  decided_by: string | null
  status: Generated<FrikortDecisionStatus>
  deactivated_reason: string | null
  deactivated_at: Timestamp | null
  deactivated_by: string | null
  last_control_on: DateOnly | null
  next_control_due: DateOnly
  control_reminded_for: DateOnly | null
  created_at: GeneratedTimestamp
}

export interface FrikortCapTable {
  id: Generated<string>
  valid_from: DateOnly
  valid_to: DateOnly | null
  amount_ore: number
  entered_by: string | null
  created_at: GeneratedTimestamp
}

export interface FrikortMatchmakerTable {
  organisation_id: string
  designated_by: string | null
  designated_at: GeneratedTimestamp
}

export interface JobTable {
  id: Generated<string>
  organisation_id: string
  title: string
  tasks: string
  hours: string
  place: string
  pay_per_hour_ore: number
  support_at_work: string | null
  contact: string
  suitable_for_frikort: Generated<boolean>
  wage_subsidised: Generated<boolean>
  status: Generated<'open' | 'closed'>
  created_by: string | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface FrikortMatchTable {
  id: Generated<string>
  citizen_id: string
  job_id: string | null
  matchmaker_organisation_id: string
  employer_organisation_id: string | null
  state: FrikortMatchState
  suggested_at: Timestamp | null
  interested_at: Timestamp | null
  trial_at: Timestamp | null
  hired_at: Timestamp | null
  ended_at: Timestamp | null
  ended_reason: FrikortEndReason | null
  created_by: string | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

/** Never updated: a correction is a reversing entry (negative amount). */
export interface FrikortEarningTable {
  id: Generated<string>
  citizen_id: string
  employer_organisation_id: string
  period_start: DateOnly
  period_end: DateOnly
  paid_on: DateOnly
  amount_ore: number
  reverses_earning_id: string | null
  note: string | null
  submission_id: string | null
  recorded_by: string | null
  recorded_at: GeneratedTimestamp
}

// Reporting (db/migrations/2026-11-24T0500_reporting.ts)
export type StatusReportState = 'draft' | 'submitted' | 'approved' | 'returned'

export interface StatusReportTable {
  id: Generated<string>
  partnership_id: string
  period_from: DateOnly
  period_to: DateOnly
  due_on: DateOnly
  state: Generated<StatusReportState>
  prefilled: Json
  answers: Json
  admin_comment: string | null
  requested_by: string | null
  submitted_by: string | null
  submitted_at: Timestamp | null
  decided_by: string | null
  decided_at: Timestamp | null
  reminded_for: DateOnly | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface ActionPlanInitiativeTable {
  id: Generated<string>
  municipality_id: string
  position: number
  title: string
  purpose: string
  lead: string
  period_start: DateOnly | null
  period_end: DateOnly | null
  partners: Generated<string>
  partnership_id: string | null
  goal_id: string | null
  created_by: string | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface ReportActivityMonthTable {
  activity_id: string
  month: DateOnly
  sessions: number
  anonymous: number
  named_visits: number
  refreshed_at: GeneratedTimestamp
}

export interface ReportRollupStateTable {
  id: Generated<boolean>
  refreshed_at: Timestamp
}

export interface ReportCommentTable {
  id: Generated<string>
  municipality_id: string
  author_id: string | null
  period_from: DateOnly
  period_to: DateOnly
  body: string
  created_at: GeneratedTimestamp
}

export interface DB {
  municipality: MunicipalityTable
  area: AreaTable
  goal_framework: GoalFrameworkTable
  goal: GoalTable
  target_group: TargetGroupTable
  organisation: OrganisationTable
  outbox_message: OutboxMessageTable
  outbox_attempt: OutboxAttemptTable
  event: EventTable
  audit_log: AuditLogTable
  person: PersonTable
  recovery_code: RecoveryCodeTable
  municipal_role: MunicipalRoleTable
  organisation_membership: OrganisationMembershipTable
  citizen: CitizenTable
  volunteer_profile: VolunteerProfileTable
  session: SessionTable
  device_credential: DeviceCredentialTable
  login_token: LoginTokenTable
  access_code: AccessCodeTable
  invitation: InvitationTable
  auth_attempt: AuthAttemptTable
  partnership: PartnershipTable
  partnership_target_group: PartnershipTargetGroupTable
  partnership_goal: PartnershipGoalTable
  success_criterion: SuccessCriterionTable
  criterion_progress: CriterionProgressTable
  outreach_log: OutreachLogTable
  activity: ActivityTable
  activity_goal: ActivityGoalTable
  activity_target_group: ActivityTargetGroupTable
  activity_exception: ActivityExceptionTable
  activity_session: ActivitySessionTable
  signup: SignupTable
  session_attendance: SessionAttendanceTable
  kiosk: KioskTable
  session_feedback: SessionFeedbackTable
  calendar_feed: CalendarFeedTable
  erasure_request: ErasureRequestTable
  volunteer_application: VolunteerApplicationTable
  organisation_volunteering: OrganisationVolunteeringTable
  organisation_requirement: OrganisationRequirementTable
  volunteer_requirement: VolunteerRequirementTable
  volunteer_hours: VolunteerHoursTable
  citizen_caseworker: CitizenCaseworkerTable
  citizen_target_group: CitizenTargetGroupTable
  consent: ConsentTable
  consent_recipient: ConsentRecipientTable
  referral: ReferralTable
  caseworker_seen: CaseworkerSeenTable
  match_settings: MatchSettingsTable
  buddy_wish: BuddyWishTable
  course: CourseTable
  course_meeting: CourseMeetingTable
  course_assessment: CourseAssessmentTable
  course_concern: CourseConcernTable
  task: TaskTable
  frikort_decision: FrikortDecisionTable
  frikort_cap: FrikortCapTable
  frikort_matchmaker: FrikortMatchmakerTable
  job: JobTable
  frikort_match: FrikortMatchTable
  frikort_earning: FrikortEarningTable
  status_report: StatusReportTable
  action_plan_initiative: ActionPlanInitiativeTable
  report_comment: ReportCommentTable
  report_activity_month: ReportActivityMonthTable
  report_rollup_state: ReportRollupStateTable
}

export type Municipality = Selectable<MunicipalityTable>
export type Organisation = Selectable<OrganisationTable>
export type NewOrganisation = Insertable<OrganisationTable>
export type OutboxMessage = Selectable<OutboxMessageTable>
