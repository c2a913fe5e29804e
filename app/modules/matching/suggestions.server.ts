import { sql } from 'kysely'
import type { Executor } from '~/db.server'
import type { DataCategory } from '../../../db/schema.ts'
import { utcToZoned } from '../activities/schedule'
import { activeConsentCovers } from '../consent/scope.server'
import { requireOrgRole, type Ctx } from '../identity/guards.server'
import { isUuid } from '../identity/invitation-schemas'
import { volunteerIsEligible } from '../volunteers/eligibility.server'
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

/** The referral as the organisation may see it now, or null (not theirs, not a buddy one, no consent). */
export async function getMatchReferral(
  db: Executor,
  organisationId: string,
  referralId: string,
  now: Date,
): Promise<MatchReferral | null> {
  if (!isUuid(referralId) || !isUuid(organisationId)) return null
  const row = await db
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
    .executeTakeFirst()
  if (!row) return null
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

export async function getWeights(db: Executor, organisationId: string): Promise<Weights> {
  const row = await db
    .selectFrom('match_settings')
    .select([
      'weight_interest',
      'weight_area',
      'weight_slot',
      'weight_language',
      'weight_lived_experience',
    ])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  if (!row) return DEFAULT_WEIGHTS
  return {
    interest: row.weight_interest,
    area: row.weight_area,
    slot: row.weight_slot,
    language: row.weight_language,
    livedExperience: row.weight_lived_experience,
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
    shared_interests: string[]
    same_area: boolean
    area_name: string | null
    shared_slots: number
    shared_languages: string[]
    lived_experience: boolean
    score: number
  }>`
    with w as (
      select coalesce(bw.interests, '{}') as interests, coalesce(bw.languages, '{}') as languages,
        bw.area_id, coalesce(bw.availability, 0) as availability, bw.gender, bw.prefers_gender,
        coalesce(bw.wants_lived_experience, false) as wants_lived_experience,
        ci.birth_year, ci.person_id as citizen_person_id
      from referral r
      join citizen ci on ci.id = r.citizen_id
      left join buddy_wish bw on bw.referral_id = r.id
      where r.id = ${referralId}
    ), s as (
      select coalesce(max(weight_interest), ${DEFAULT_WEIGHTS.interest}) as wi,
        coalesce(max(weight_area), ${DEFAULT_WEIGHTS.area}) as wa,
        coalesce(max(weight_slot), ${DEFAULT_WEIGHTS.slot}) as ws,
        coalesce(max(weight_language), ${DEFAULT_WEIGHTS.language}) as wl,
        coalesce(max(weight_lived_experience), ${DEFAULT_WEIGHTS.livedExperience}) as we
      from match_settings where organisation_id = ${organisationId}
    )
    select va.id as application_id, va.person_id, p.display_name, vp.capacity,
      load.n as open_courses, m.shared_interests, m.same_area, a.name as area_name,
      m.shared_slots, m.shared_languages, m.lived_experience,
      (s.wi * cardinality(m.shared_interests) + case when m.same_area then s.wa else 0 end
        + s.ws * m.shared_slots + s.wl * cardinality(m.shared_languages)
        + case when m.lived_experience then s.we else 0 end)::int as score
    from volunteer_application va
    join volunteer_profile vp on vp.person_id = va.person_id
    join person p on p.id = va.person_id and p.deleted_at is null
    cross join w
    cross join s
    cross join lateral (
      select count(*)::int as n from course c
      where c.volunteer_person_id = va.person_id and c.state in (${open})
    ) load
    cross join lateral (
      select
        -- && first: most pairs share nothing, and then no set operation is needed
        case when vp.interests && w.interests then array(select unnest(vp.interests)
          intersect select unnest(w.interests) order by 1) else '{}' end as shared_interests,
        (vp.area_id is not null and vp.area_id = w.area_id) as same_area,
        bit_count((vp.availability & w.availability)::bit(21))::int as shared_slots,
        case when vp.languages && w.languages then array(select unnest(vp.languages)
          intersect select unnest(w.languages) order by 1) else '{}' end as shared_languages,
        (vp.lived_experience and w.wants_lived_experience) as lived_experience
    ) m
    left join area a on a.id = vp.area_id
    where va.organisation_id = ${organisationId}
      and 'buddy' = any(va.roles)
      and ${volunteerIsEligible('va', now)}
      and load.n < vp.capacity
      and va.person_id is distinct from w.citizen_person_id
      and (w.prefers_gender is null or vp.gender = w.prefers_gender)
      and (vp.prefers_gender is null or w.gender is null or vp.prefers_gender = w.gender)
      and (w.birth_year is null or vp.prefers_age_min is null
        or ${year} - w.birth_year >= vp.prefers_age_min)
      and (w.birth_year is null or vp.prefers_age_max is null
        or ${year} - w.birth_year <= vp.prefers_age_max)
      and not exists (select 1 from course d where d.referral_id = ${referralId}
        and d.volunteer_person_id = va.person_id and d.state = 'declined')
      ${only}
    order by score desc, load.n, p.display_name, va.id
    limit ${limit}
  `
}

/** The ranked list for a coordinator of the referral's organisation; null when not visible. */
export async function listSuggestions(
  ctx: Ctx,
  organisationId: string,
  referralId: string,
): Promise<{ referral: MatchReferral; suggestions: Suggestion[]; weights: Weights } | null> {
  requireOrgRole(ctx, organisationId, ['coordinator'])
  const referral = await getMatchReferral(ctx.db, organisationId, referralId, ctx.now)
  if (!referral) return null
  const [result, weights] = await Promise.all([
    suggestionQuery(organisationId, referralId, ctx.now).execute(ctx.db),
    getWeights(ctx.db, organisationId),
  ])
  return {
    referral,
    weights,
    suggestions: result.rows.map((r) => ({
      applicationId: r.application_id,
      personId: r.person_id,
      name: r.display_name,
      score: Number(r.score),
      capacity: r.capacity,
      openCourses: Number(r.open_courses),
      sharedInterests: r.shared_interests,
      sameArea: r.same_area ? r.area_name : null,
      sharedSlots: Number(r.shared_slots),
      sharedLanguages: r.shared_languages,
      livedExperience: r.lived_experience,
    })),
  }
}

export interface Wish {
  interests: string[]
  languages: string[]
  areaId: string | null
  availability: number
  gender: string | null
  prefersGender: string | null
  wantsLivedExperience: boolean
  note: string | null
}

export async function getWish(db: Executor, referralId: string): Promise<Wish | null> {
  const row = await db
    .selectFrom('buddy_wish')
    .select([
      'interests',
      'languages',
      'area_id',
      'availability',
      'gender',
      'prefers_gender',
      'wants_lived_experience',
      'note',
    ])
    .where('referral_id', '=', referralId)
    .executeTakeFirst()
  if (!row) return null
  return {
    interests: row.interests,
    languages: row.languages,
    areaId: row.area_id,
    availability: row.availability,
    gender: row.gender,
    prefersGender: row.prefers_gender,
    wantsLivedExperience: row.wants_lived_experience,
    note: row.note,
  }
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
