import type { Kysely } from 'kysely'
import type { Ctx } from '~/modules/identity/guards.server'
import { loadActor } from '~/modules/identity/actor.server'
import type { DataCategory, DB, VolunteerGender, VolunteerState } from '../../db/schema.ts'
import { createMunicipality, createPerson } from './auth.ts'

// Rows for the matching tests, written straight into the tables (the volunteer and citizen
// modules are built elsewhere): an organisation with requirements, approved buddies with
// profiles, and citizens with a 'buddy_match' consent naming the organisation and an accepted
// buddy referral.

const DAY = 86_400_000
let n = 0

export interface Network {
  municipalityId: string
  areas: { c: string; nord: string }
  organisationId: string
  coordinatorId: string
  caseworkerId: string
}

export async function createNetwork(db: Kysely<DB>, name = 'Café Test'): Promise<Network> {
  const municipalityId = await createMunicipality(db, `Testkommune ${++n}`)
  await db
    .updateTable('municipality')
    .set({ social_emergency_phone: '+45 11 22 33 44' })
    .where('id', '=', municipalityId)
    .execute()
  const [c, nord] = await db
    .insertInto('area')
    .values([
      { municipality_id: municipalityId, slug: 'c', name: 'Frederiksberg C' },
      { municipality_id: municipalityId, slug: 'nord', name: 'Nord' },
    ])
    .returning('id')
    .execute()
  const org = await db
    .insertInto('organisation')
    .values({ name, type: 'drop_in', status: 'approved', phone: '+45 33 44 55 66' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('organisation_requirement')
    .values([
      { organisation_id: org.id, kind: 'interview', valid_months: null },
      { organisation_id: org.id, kind: 'criminal_record', valid_months: 24 },
    ])
    .execute()
  const coordinator = await createPerson(db, {
    name: `Koordinator ${n}`,
    email: `koordinator-${n}-${Date.now()}@example.dk`,
    orgRoles: [{ organisationId: org.id, role: 'coordinator' }],
  })
  const caseworker = await createPerson(db, {
    name: `Sagsbehandler ${n}`,
    email: `sagsbehandler-${n}-${Date.now()}@example.dk`,
    municipalRoles: [{ municipalityId, role: 'caseworker' }],
  })
  return {
    municipalityId,
    areas: { c: c!.id, nord: nord!.id },
    organisationId: org.id,
    coordinatorId: coordinator.id,
    caseworkerId: caseworker.id,
  }
}

export interface VolunteerOptions {
  name: string
  interests?: string[]
  languages?: string[]
  areaId?: string | null
  availability?: number
  gender?: VolunteerGender | null
  birthYear?: number
  prefersGender?: 'woman' | 'man' | null
  prefersAgeMin?: number | null
  prefersAgeMax?: number | null
  capacity?: number
  livedExperience?: boolean
  state?: VolunteerState
  roles?: ('buddy' | 'helper')[]
  /** 'valid' (default), 'expired' criminal-record check, or 'missing' interview. */
  requirements?: 'valid' | 'expired' | 'missing'
  withEmail?: boolean
}

export async function createVolunteer(
  db: Kysely<DB>,
  organisationId: string,
  o: VolunteerOptions,
  now = new Date(),
): Promise<{ personId: string; applicationId: string; email: string | null }> {
  const email = o.withEmail === false ? null : `frivillig-${++n}-${Date.now()}@example.dk`
  const person = await createPerson(db, { name: o.name, email, volunteer: true })
  await db
    .updateTable('volunteer_profile')
    .set({
      interests: o.interests ?? [],
      languages: o.languages ?? ['da'],
      area_id: o.areaId ?? null,
      availability: o.availability ?? 0,
      gender: o.gender ?? null,
      birth_year: o.birthYear ?? 1980,
      prefers_gender: o.prefersGender ?? null,
      prefers_age_min: o.prefersAgeMin ?? null,
      prefers_age_max: o.prefersAgeMax ?? null,
      capacity: o.capacity ?? 2,
      lived_experience: o.livedExperience ?? false,
    })
    .where('person_id', '=', person.id)
    .execute()
  const application = await db
    .insertInto('volunteer_application')
    .values({
      person_id: person.id,
      organisation_id: organisationId,
      roles: o.roles ?? ['buddy'],
      state: o.state ?? 'approved',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10)
  const requirements = o.requirements ?? 'valid'
  const rows = [
    ...(requirements === 'missing'
      ? []
      : [{ application_id: application.id, kind: 'interview' as const, checked_on: day(-100) }]),
    requirements === 'expired'
      ? {
          application_id: application.id,
          kind: 'criminal_record' as const,
          checked_on: day(-800),
          expires_on: day(-70),
        }
      : {
          application_id: application.id,
          kind: 'criminal_record' as const,
          checked_on: day(-100),
          expires_on: day(600),
        },
  ]
  await db.insertInto('volunteer_requirement').values(rows).execute()
  return { personId: person.id, applicationId: application.id, email }
}

export interface CitizenOptions {
  name: string
  birthYear?: number | null
  areaId?: string | null
  categories?: DataCategory[]
  /** Also a 'contact_after_course' consent naming the organisation. */
  followUpConsent?: boolean
  /** A person who can log in as this citizen. */
  withLogin?: boolean
  referralState?: 'accepted' | 'in_progress' | 'sent'
}

export async function createWaitingCitizen(
  db: Kysely<DB>,
  network: Network,
  o: CitizenOptions,
  now = new Date(),
): Promise<{ citizenId: string; personId: string | null; referralId: string; consentId: string }> {
  let personId: string | null = null
  let citizenId: string
  if (o.withLogin) {
    const person = await createPerson(db, {
      name: o.name,
      email: `borger-${++n}-${Date.now()}@example.dk`,
      citizenOf: network.municipalityId,
    })
    personId = person.id
    citizenId = person.citizenId!
    await db
      .updateTable('citizen')
      .set({ birth_year: o.birthYear ?? null, area_id: o.areaId ?? null })
      .where('id', '=', citizenId)
      .execute()
  } else {
    const row = await db
      .insertInto('citizen')
      .values({
        municipality_id: network.municipalityId,
        chosen_name: o.name,
        birth_year: o.birthYear ?? null,
        area_id: o.areaId ?? null,
        created_by: network.caseworkerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    citizenId = row.id
  }
  const consent = async (purpose: 'buddy_match' | 'contact_after_course') => {
    const row = await db
      .insertInto('consent')
      .values({
        citizen_id: citizenId,
        purpose,
        data_categories: o.categories ?? ['name', 'area', 'language', 'birth_year'],
        wording_version: 'test-1',
        channel: 'assisted',
        assisted_by: network.caseworkerId,
        recorded_by: network.caseworkerId,
        given_at: new Date(now.getTime() - 30 * DAY),
        expires_at: new Date(now.getTime() + 365 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('consent_recipient')
      .values({ consent_id: row.id, organisation_id: network.organisationId })
      .execute()
    return row.id
  }
  const consentId = await consent('buddy_match')
  if (o.followUpConsent) await consent('contact_after_course')
  const referral = await db
    .insertInto('referral')
    .values({
      citizen_id: citizenId,
      municipality_id: network.municipalityId,
      caseworker_id: network.caseworkerId,
      to_organisation_id: network.organisationId,
      kind: 'buddy',
      consent_id: consentId,
      state: o.referralState ?? 'accepted',
      sent_at: new Date(now.getTime() - 20 * DAY),
      deadline_at: new Date(now.getTime() - 6 * DAY),
      answered_at: new Date(now.getTime() - 10 * DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { citizenId, personId, referralId: referral.id, consentId }
}

export async function setWish(
  db: Kysely<DB>,
  referralId: string,
  wish: {
    interests?: string[]
    languages?: string[]
    areaId?: string | null
    availability?: number
    gender?: VolunteerGender | null
    prefersGender?: 'woman' | 'man' | null
    wantsLivedExperience?: boolean
  },
) {
  const values = {
    interests: wish.interests ?? [],
    languages: wish.languages ?? [],
    area_id: wish.areaId ?? null,
    availability: wish.availability ?? 0,
    gender: wish.gender ?? null,
    prefers_gender: wish.prefersGender ?? null,
    wants_lived_experience: wish.wantsLivedExperience ?? false,
  }
  await db
    .insertInto('buddy_wish')
    .values({ referral_id: referralId, ...values })
    .onConflict((oc) => oc.column('referral_id').doUpdateSet(values))
    .execute()
}

/** A module context for a person, as requireCtx would make it. */
export async function ctxFor(db: Kysely<DB>, personId: string, now = new Date()): Promise<Ctx> {
  const actor = await loadActor(db, personId, { id: 'test', mfaVerified: true })
  if (!actor) throw new Error(`No person ${personId}`)
  return { db, actor, now, ipHash: null }
}
