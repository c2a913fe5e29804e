import type { Executor } from '~/db.server'
import type { ContactPreference, DataCategory } from '../../db/schema.ts'

// Frikort fixtures written straight into the tables (citizens, consents, decisions, matches),
// so the frikort tests do not depend on how the citizens' module creates them.

let counter = 0

export async function createCitizen(
  db: Executor,
  options: {
    municipalityId: string
    name: string
    email?: string | null
    contactPreference?: ContactPreference
    personId?: string | null
    caseworkerId?: string
    safetyFlag?: boolean
  },
): Promise<string> {
  const row = await db
    .insertInto('citizen')
    .values({
      municipality_id: options.municipalityId,
      chosen_name: options.name,
      person_id: options.personId ?? null,
      email: options.email ?? null,
      contact_preference: options.contactPreference ?? (options.email ? 'email' : 'via_caseworker'),
      safety_flag: options.safetyFlag ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (options.caseworkerId)
    await db
      .insertInto('citizen_caseworker')
      .values({ citizen_id: row.id, person_id: options.caseworkerId })
      .execute()
  return row.id
}

export async function giveConsent(
  db: Executor,
  citizenId: string,
  organisationIds: string[],
  options: { categories?: DataCategory[]; now?: Date; withdrawn?: boolean } = {},
): Promise<string> {
  const now = options.now ?? new Date()
  const consent = await db
    .insertInto('consent')
    .values({
      citizen_id: citizenId,
      purpose: 'frikort_matchmaking',
      data_categories: options.categories ?? ['name', 'frikort'],
      wording_version: `test-${++counter}`,
      channel: 'digital',
      given_at: new Date(now.getTime() - 86_400_000),
      expires_at: new Date(now.getTime() + 365 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('consent_recipient')
    .values(organisationIds.map((o) => ({ consent_id: consent.id, organisation_id: o })))
    .execute()
  if (options.withdrawn)
    await db
      .updateTable('consent')
      .set({ withdrawn_at: now })
      .where('id', '=', consent.id)
      .execute()
  return consent.id
}

export async function recordDecisionRow(
  db: Executor,
  citizenId: string,
  municipalityId: string,
  options: { decidedBy?: string | null; decidedOn?: string; nextControlDue?: string } = {},
): Promise<string> {
  const row = await db
    .insertInto('frikort_decision')
    .values({
      citizen_id: citizenId,
      municipality_id: municipalityId,
      decided_on: options.decidedOn ?? '2025-01-10',
      decided_by: options.decidedBy ?? null,
      next_control_due: options.nextControlDue ?? '2026-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function designateMatchmaker(db: Executor, organisationId: string): Promise<void> {
  await db
    .insertInto('frikort_matchmaker')
    .values({ organisation_id: organisationId })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function createJobRow(
  db: Executor,
  organisationId: string,
  title = 'Pakning af brød',
): Promise<string> {
  const row = await db
    .insertInto('job')
    .values({
      organisation_id: organisationId,
      title,
      tasks: 'Pakke brød',
      hours: 'Lørdage 6–9',
      place: 'Bageriet',
      pay_per_hour_ore: 14000,
      contact: 'Peter',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A citizen hired at an employer through the matchmaker. */
export async function hireAt(
  db: Executor,
  citizenId: string,
  employerId: string,
  matchmakerId: string,
): Promise<string> {
  const now = new Date()
  const row = await db
    .insertInto('frikort_match')
    .values({
      citizen_id: citizenId,
      matchmaker_organisation_id: matchmakerId,
      employer_organisation_id: employerId,
      state: 'hired',
      suggested_at: now,
      interested_at: now,
      trial_at: now,
      hired_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
