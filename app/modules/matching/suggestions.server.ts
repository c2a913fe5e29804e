import { sql } from 'kysely'
import { preparedStatement, type Executor } from '~/db.server'
import type { DataCategory } from '../../../db/schema.ts'
import { utcToZoned } from '../activities/schedule'
import { activeConsentCovers } from '../consent/scope.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { volunteerIsEligible } from '../volunteers/eligibility.server'
import { codesOf, INTERESTS, LANGUAGES } from '../volunteers/vocab'
import type { WishInput } from './schemas'
import { DEFAULT_WEIGHTS, type MatchReasons, type Weights } from './scoring'
import { HOLDS_CAPACITY } from './transitions'

// Ranked buddy suggestions for one referral (PRODUCT.md §3.5), in ONE query: only the referral's
// organisation's buddies who are eligible now (volunteerIsEligible), have a free place, and whom
// neither side's stated preferences rule out; scored by the organisation's weights. The
// citizen's side is read through the referral's consent, so a withdrawn consent ends it here.

/** Referral states in which a citizen may be matched. */
export const MATCHABLE_REFERRAL_STATES = ['accepted', 'in_progress'] as const

export interface MatchReferral {
  id: string
  citizenId: string
  citizenPersonId: string | null
  municipalityId: string
  organisationId: string
  consentId: string
  categories: DataCategory[]
  /** Shown only when the consent covers the category; otherwise null. */
  citizenName: string | null
  birthYear: number | null
  areaName: string | null
  language: string | null
  referralNote: string | null
  state: string
  caseworkerId: string | null
}

function matchReferralQuery(db: Executor, organisationId: string, referralId: string, now: Date) {
  return db
    .selectFrom('referral as r')
    .innerJoin('consent as c', 'c.id', 'r.consent_id')
    .innerJoin('citizen as ci', 'ci.id', 'r.citizen_id')
    .leftJoin('area as a', 'a.id', 'ci.area_id')
    .select([
      'r.id',
      'r.citizen_id',
      'ci.person_id',
      'r.municipality_id',
      'r.to_organisation_id',
      'r.consent_id',
      'r.state',
      'r.note',
      'r.caseworker_id',
      'c.data_categories',
      'ci.chosen_name',
      'ci.birth_year',
      'a.name as area_name',
      'ci.language',
    ])
    .where('r.id', '=', referralId)
    .where('r.to_organisation_id', '=', organisationId)
    .where('r.kind', '=', 'buddy')
    .where('ci.anonymised_at', 'is', null)
    .where(activeConsentCovers('c', organisationId, now))
}

type MatchReferralRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof matchReferralQuery>['executeTakeFirst']>>
>

function toMatchReferral(row: MatchReferralRow): MatchReferral {
  const has = (c: DataCategory) => row.data_categories.includes(c)
  return {
    id: row.id,
    citizenId: row.citizen_id,
    citizenPersonId: row.person_id,
    municipalityId: row.municipality_id,
    organisationId: row.to_organisation_id,
    consentId: row.consent_id,
    categories: row.data_categories,
    citizenName: has('name') ? row.chosen_name : null,
    birthYear: has('birth_year') ? row.birth_year : null,
    areaName: has('area') ? row.area_name : null,
    language: has('language') ? row.language : null,
    referralNote: has('referral_note') ? row.note : null,
    state: row.state,
    caseworkerId: row.caseworker_id,
  }
}

/** The referral as the organisation may see it now, or null (not theirs, not a buddy one, no consent). */
export async function getMatchReferral(
  db: Executor,
  organisationId: string,
  referralId: string,
  now: Date,
): Promise<MatchReferral | null> {
  if (!isUuid(referralId) || !isUuid(organisationId)) return null
  const row = await matchReferralQuery(db, organisationId, referralId, now)
    .modifyFront(preparedStatement('match_referral'))
    .executeTakeFirst()
  return row ? toMatchReferral(row) : null
}

/**
 * The referral with the citizen's wishes and the organisation's weights, in one round trip (the
 * suggestions page runs on every look at a waiting citizen, ADR 020).
 */
export async function getMatchContext(
  db: Executor,
  organisationId: string,
  referralId: string,
  now: Date,
): Promise<{ referral: MatchReferral; wish: Wish | null; weights: Weights } | null> {
  if (!isUuid(referralId) || !isUuid(organisationId)) return null
  const row = await matchReferralQuery(db, organisationId, referralId, now)
    .modifyFront(preparedStatement('match_context'))
    .leftJoin('buddy_wish as bw', 'bw.referral_id', 'r.id')
    .leftJoin('area as wa', 'wa.id', 'bw.area_id')
    .leftJoin('match_settings as ms', 'ms.organisation_id', 'r.to_organisation_id')
    .select([
      'bw.referral_id as wish_referral_id',
      'bw.interests',
      'bw.languages',
      'bw.area_id as wish_area_id',
      'wa.name as wish_area_name',
      'bw.availability',
      'bw.gender',
      'bw.prefers_gender',
      'bw.wants_lived_experience',
      'bw.note as wish_note',
      'ms.weight_interest',
      'ms.weight_area',
      'ms.weight_slot',
      'ms.weight_language',
      'ms.weight_lived_experience',
    ])
    .executeTakeFirst()
  if (!row) return null
  return {
    referral: toMatchReferral(row),
    wish:
      row.wish_referral_id === null
        ? null
        : {
            interests: row.interests ?? [],
            languages: row.languages ?? [],
            areaId: row.wish_area_id,
            areaName: row.wish_area_name,
            availability: row.availability ?? 0,
            gender: row.gender,
            prefersGender: row.prefers_gender,
            wantsLivedExperience: row.wants_lived_experience ?? false,
            note: row.wish_note,
          },
    weights:
      row.weight_interest === null
        ? DEFAULT_WEIGHTS
        : {
            interest: row.weight_interest,
            area: row.weight_area ?? DEFAULT_WEIGHTS.area,
            slot: row.weight_slot ?? DEFAULT_WEIGHTS.slot,
            language: row.weight_language ?? DEFAULT_WEIGHTS.language,
            livedExperience: row.weight_lived_experience ?? DEFAULT_WEIGHTS.livedExperience,
          },
  }
}

export interface Suggestion extends MatchReasons {
  applicationId: string
  personId: string
  name: string
  score: number
  capacity: number
  openCourses: number
}

export const SUGGESTION_LIMIT = 20

/**
 * The ranking query. `organisationId` and `referralId` must already be known to belong together
 * (the callers check the referral with its consent first).
 *
 * Every candidate of the organisation is scored, so the per-candidate work is kept to integer
 * arithmetic on one application and one profile row (ADR 020): eligibility is the stored
 * `requirements_valid_until`, shared interests/languages are bit masks, open courses come from
 * one aggregate, and the person and area are read for the top `limit` only. The statement is
 * prepared once per connection (`preparedStatement`), so it is not planned on every call.
 */
export function suggestionQuery(
  organisationId: string,
  referralId: string,
  now: Date,
  limit = SUGGESTION_LIMIT,
  onlyApplicationId?: string,
) {
  const year = Number(utcToZoned(now).date.slice(0, 4))
  const open = sql.join(HOLDS_CAPACITY.map((s) => sql.lit(s)))
  const only = onlyApplicationId ? sql`and va.id = ${onlyApplicationId}` : sql``
  return sql<{
    application_id: string
    person_id: string
    display_name: string
    capacity: number
    open_courses: number
    interest_bits: number
    same_area: boolean
    area_name: string | null
    shared_slots: number
    language_bits: number
    lived_experience: boolean
    score: number
  }>`${preparedStatement('suggestions')}
    with w as materialized (
      select coalesce(bw.interest_bits, 0) as interest_bits,
        coalesce(bw.language_bits, 0) as language_bits, bw.area_id,
        coalesce(bw.availability, 0) as availability, bw.gender, bw.prefers_gender,
        coalesce(bw.wants_lived_experience, false) as wants_lived_experience,
        ci.birth_year, ci.person_id as citizen_person_id,
        coalesce(ms.weight_interest, ${DEFAULT_WEIGHTS.interest}) as wi,
        coalesce(ms.weight_area, ${DEFAULT_WEIGHTS.area}) as wa,
        coalesce(ms.weight_slot, ${DEFAULT_WEIGHTS.slot}) as ws,
        coalesce(ms.weight_language, ${DEFAULT_WEIGHTS.language}) as wl,
        coalesce(ms.weight_lived_experience, ${DEFAULT_WEIGHTS.livedExperience}) as we
      from referral r
      join citizen ci on ci.id = r.citizen_id
      left join buddy_wish bw on bw.referral_id = r.id
      left join match_settings ms on ms.organisation_id = ${organisationId}
      where r.id = ${referralId}
    ), load as (
      select volunteer_person_id, count(*)::int as n from course
      where state in (${open}) group by volunteer_person_id
    ), m as (
      select va.id, va.person_id, vp.capacity, coalesce(load.n, 0) as n, vp.area_id,
        vp.interest_bits & w.interest_bits as interest_bits,
        vp.language_bits & w.language_bits as language_bits,
        bit_count((vp.availability & w.availability)::bit(21))::int as shared_slots,
        (vp.area_id is not null and vp.area_id = w.area_id) as same_area,
        (vp.lived_experience and w.wants_lived_experience) as lived_experience,
        w.wi, w.wa, w.ws, w.wl, w.we
      from volunteer_application va
      join volunteer_profile vp on vp.person_id = va.person_id
      cross join w
      left join load on load.volunteer_person_id = va.person_id
      where va.organisation_id = ${organisationId}
        and 'buddy' = any(va.roles)
        and ${volunteerIsEligible('va', now)}
        and coalesce(load.n, 0) < vp.capacity
        and va.person_id is distinct from w.citizen_person_id
        and (w.prefers_gender is null or vp.gender = w.prefers_gender)
        and (vp.prefers_gender is null or w.gender is null or vp.prefers_gender = w.gender)
        and (w.birth_year is null or vp.prefers_age_min is null
          or ${year}::int - w.birth_year >= vp.prefers_age_min)
        and (w.birth_year is null or vp.prefers_age_max is null
          or ${year}::int - w.birth_year <= vp.prefers_age_max)
        and va.person_id <> all(array(select d.volunteer_person_id from course d
          where d.referral_id = ${referralId} and d.state = 'declined'))
        ${only}
    )
    select r.id as application_id, r.person_id, p.display_name, r.capacity,
      r.n as open_courses, r.interest_bits, r.same_area, a.name as area_name, r.shared_slots,
      r.language_bits, r.lived_experience, r.score
    from (
      select m.*, (m.wi * bit_count(m.interest_bits::bit(32)) + case when m.same_area then m.wa else 0 end
        + m.ws * m.shared_slots + m.wl * bit_count(m.language_bits::bit(32))
        + case when m.lived_experience then m.we else 0 end)::int as score
      from m
      order by score desc, m.n, m.id
      limit ${limit}
    ) r
    -- an account deleted since: its profile is gone with it, this is the last safeguard
    join person p on p.id = r.person_id and p.deleted_at is null
    left join area a on a.id = r.area_id
    order by r.score desc, r.n, p.display_name, r.id
  `
}

/** The ranked list for a coordinator of the referral's organisation; null when not visible. */
export async function listSuggestions(
  ctx: Ctx,
  organisationId: string,
  referralId: string,
): Promise<{
  referral: MatchReferral
  wish: Wish | null
  weights: Weights
  suggestions: Suggestion[]
} | null> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  const context = await getMatchContext(ctx.db, organisationId, referralId, ctx.now)
  if (!context) return null
  const result = await suggestionQuery(organisationId, referralId, ctx.now).execute(ctx.db)
  return {
    ...context,
    suggestions: result.rows.map((r) => ({
      applicationId: r.application_id,
      personId: r.person_id,
      name: r.display_name,
      score: Number(r.score),
      capacity: r.capacity,
      openCourses: Number(r.open_courses),
      sharedInterests: codesOf(r.interest_bits, INTERESTS),
      sameArea: r.same_area ? r.area_name : null,
      sharedSlots: Number(r.shared_slots),
      sharedLanguages: codesOf(r.language_bits, LANGUAGES),
      livedExperience: r.lived_experience,
    })),
  }
}

export interface Wish {
  interests: string[]
  languages: string[]
  areaId: string | null
  areaName: string | null
  availability: number
  gender: string | null
  prefersGender: string | null
  wantsLivedExperience: boolean
  note: string | null
}

/** The citizen's wishes for a buddy, filled in by the coordinator with the citizen. */
export async function saveWish(
  ctx: Ctx,
  organisationId: string,
  referralId: string,
  input: WishInput,
): Promise<boolean> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  const referral = await getMatchReferral(ctx.db, organisationId, referralId, ctx.now)
  if (!referral) return false
  const areaOk =
    input.areaId === null ||
    (await ctx.db
      .selectFrom('area')
      .select('id')
      .where('id', '=', input.areaId)
      .where('municipality_id', '=', referral.municipalityId)
      .executeTakeFirst()) !== undefined
  const values = {
    interests: [...new Set(input.interests)],
    languages: [...new Set(input.languages)],
    area_id: areaOk ? input.areaId : null,
    availability: [...new Set(input.slot)].reduce((mask, bit) => mask | (1 << bit), 0),
    gender: input.gender as 'woman' | 'man' | 'other' | null,
    prefers_gender: input.prefersGender as 'woman' | 'man' | null,
    wants_lived_experience: input.wantsLivedExperience,
    note: input.note,
    updated_by: ctx.actor.personId,
    updated_at: ctx.now,
  }
  await ctx.db
    .insertInto('buddy_wish')
    .values({ referral_id: referral.id, ...values })
    .onConflict((oc) => oc.column('referral_id').doUpdateSet(values))
    .execute()
  return true
}

export async function listAreas(db: Executor, municipalityId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('name')
    .execute()
}
