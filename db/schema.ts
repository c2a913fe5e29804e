import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

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
}

export type Municipality = Selectable<MunicipalityTable>
export type Organisation = Selectable<OrganisationTable>
export type NewOrganisation = Insertable<OrganisationTable>
export type OutboxMessage = Selectable<OutboxMessageTable>
