import { sql, type Kysely, type Transaction } from 'kysely'
import type { CloseReason, CourseState, DB, MeetingType } from '../schema.ts'
import { DEMO_ACTIVITY } from './demo-activities.ts'
import { DEMO } from './demo.ts'

// Buddy courses at Café Broen for the demo (PRODUCT.md §7): citizens 01–04 (demo-citizens.ts)
// with buddies 01–08 (demo-volunteers.ts) in every state — proposed, declined, active, paused,
// closing, closed with and without anchoring, one re-opened — with meetings, self-assessments,
// a concern and tasks. Plus the demo citizen Mikkel waiting for a buddy (an accepted buddy
// referral with consent, and consent to contact after the course) so the whole journey can be
// tried. A row whose citizen, volunteer or referral is missing is skipped, so this never fails
// when the other seeds are absent. Plain Node imports this file: no `~` aliases.

const DAY = 86_400_000
const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const VOLUNTEER = (n: number) => `00000000-0000-4000-8004-${String(n).padStart(12, '0')}`
const CITIZEN = (n: number) => `00000000-0000-4000-8005-${String(n).padStart(12, '0')}`
// Matching's own block of ids (8a07), apart from the other seeds' blocks.
const M = (n: number) => `00000000-0000-4000-8a07-${String(n).padStart(12, '0')}`
const COURSE = (n: number) => `00000000-0000-4000-8a07-${String(1_000_000 + n).padStart(12, '0')}`
const ROW = (course: number, n: number) =>
  `00000000-0000-4000-8a07-${String(2_000_000 + course * 100 + n).padStart(12, '0')}`

export const DEMO_MATCHING = {
  mikkelConsent: M(1),
  mikkelFollowUpConsent: M(2),
  mikkelReferral: M(3),
  course: COURSE,
} as const

const CAFE = DEMO.org.cafe
const day = (now: Date, offset: number) =>
  new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10)
const at = (now: Date, offset: number) => new Date(now.getTime() + offset * DAY)

interface DemoCourse {
  n: number
  citizen: number
  volunteer: number
  state: CourseState
  proposedDaysAgo: number
  startedDaysAgo?: number
  closedDaysAgo?: number
  volunteerAnswer?: 'pending' | 'yes' | 'no'
  citizenAnswer?: 'pending' | 'yes' | 'no'
  declineReason?: 'too_far'
  closeReason?: CloseReason
  anchored?: boolean
  noneReason?: string
  followUp?: boolean
  reopenedFrom?: number
  goals?: string
  courseType?: 'coordination_companionship' | 'network_building'
  meetings?: [number, MeetingType, number, string | null][]
  assessments?: ['start' | 'midway' | 'end', number, number][]
}

const courses: DemoCourse[] = [
  {
    n: 1,
    citizen: 1,
    volunteer: 1,
    state: 'closed',
    proposedDaysAgo: 260,
    startedDaysAgo: 250,
    closedDaysAgo: 100,
    closeReason: 'goal_reached',
    anchored: true,
    goals: 'Komme ud af lejligheden en gang om ugen og spise sammen med andre.',
    meetings: [
      [240, 'joint_activity', 120, 'Fællesspisning'],
      [200, 'social_contact', 60, null],
    ],
    assessments: [
      ['start', 2, 1],
      ['end', 4, 3],
    ],
  },
  {
    n: 2,
    citizen: 1,
    volunteer: 1,
    state: 'active',
    proposedDaysAgo: 40,
    startedDaysAgo: 40,
    reopenedFrom: 1,
    goals: 'Holde fast i tirsdagene og finde en hobby mere.',
    courseType: 'network_building',
    meetings: [
      [35, 'joint_activity', 90, 'Gåtur i Søndermarken'],
      [21, 'phone', 20, null],
      [7, 'accompany', 60, 'Fulgtes til tandlægen'],
    ],
    assessments: [['start', 3, 2]],
  },
  {
    n: 3,
    citizen: 2,
    volunteer: 2,
    state: 'paused',
    proposedDaysAgo: 60,
    startedDaysAgo: 55,
    goals: 'Lære byen at kende og tale mere dansk.',
    meetings: [
      [50, 'social_contact', 45, 'Kaffe på biblioteket'],
      [36, 'joint_activity', 120, null],
    ],
    assessments: [['start', 2, 2]],
  },
  {
    n: 4,
    citizen: 3,
    volunteer: 4,
    state: 'declined',
    proposedDaysAgo: 185,
    volunteerAnswer: 'no',
    citizenAnswer: 'pending',
    declineReason: 'too_far',
  },
  {
    n: 5,
    citizen: 3,
    volunteer: 3,
    state: 'closing',
    proposedDaysAgo: 178,
    startedDaysAgo: 170,
    goals: 'Komme med i fodbold igen.',
    meetings: [
      [160, 'joint_activity', 90, 'Træning på Gadeholdet'],
      [120, 'accompany', 60, null],
      [80, 'joint_activity', 90, null],
      [14, 'social_contact', 30, null],
    ],
    assessments: [
      ['start', 1, 2],
      ['midway', 3, 3],
    ],
  },
  {
    n: 6,
    citizen: 4,
    volunteer: 6,
    state: 'closed',
    proposedDaysAgo: 90,
    startedDaysAgo: 85,
    closedDaysAgo: 20,
    closeReason: 'no_chemistry',
    noneReason: 'Vil først finde ro og prøve med en ny buddy.',
    followUp: true,
    meetings: [[80, 'social_contact', 40, null]],
    assessments: [['start', 2, 1]],
  },
  {
    n: 7,
    citizen: 4,
    volunteer: 5,
    state: 'proposed',
    proposedDaysAgo: 2,
    volunteerAnswer: 'yes',
    citizenAnswer: 'pending',
  },
]

async function seedMikkel(trx: Transaction<DB>, now: Date) {
  const mikkel = await trx
    .selectFrom('citizen')
    .select(['id', 'municipality_id'])
    .where('person_id', '=', P(12))
    .executeTakeFirst()
  if (!mikkel) return
  for (const [id, purpose] of [
    [DEMO_MATCHING.mikkelConsent, 'buddy_match'],
    [DEMO_MATCHING.mikkelFollowUpConsent, 'contact_after_course'],
  ] as const) {
    await trx
      .insertInto('consent')
      .values({
        id,
        citizen_id: mikkel.id,
        purpose,
        data_categories: ['name', 'area', 'language', 'birth_year'],
        wording_version: 'demo-2026-11',
        channel: 'assisted',
        assisted_by: P(2),
        recorded_by: P(2),
        given_at: at(now, -12),
        expires_at: at(now, 365),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('consent_recipient')
      .values({ consent_id: id, organisation_id: CAFE })
      .onConflict((oc) => oc.columns(['consent_id', 'organisation_id']).doNothing())
      .execute()
  }
  await trx
    .insertInto('referral')
    .values({
      id: DEMO_MATCHING.mikkelReferral,
      citizen_id: mikkel.id,
      municipality_id: mikkel.municipality_id,
      caseworker_id: P(2),
      to_organisation_id: CAFE,
      kind: 'buddy',
      consent_id: DEMO_MATCHING.mikkelConsent,
      shared_categories: ['name', 'area', 'language', 'birth_year'],
      note: 'Mikkel vil gerne have en at gå ture og lave mad med.',
      state: 'accepted',
      sent_at: at(now, -12),
      deadline_at: at(now, 2),
      answered_at: at(now, -9),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  await trx
    .insertInto('buddy_wish')
    .values({
      referral_id: DEMO_MATCHING.mikkelReferral,
      interests: ['walks', 'cooking', 'coffee_chat'],
      languages: ['da'],
      availability: (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8),
      updated_by: P(6),
    })
    .onConflict((oc) => oc.column('referral_id').doNothing())
    .execute()
}

/** Sofie (the demo volunteer) can always be suggested at the café, even without the volunteer seed. */
async function ensureSofie(trx: Transaction<DB>, now: Date) {
  const existing = await trx
    .selectFrom('volunteer_application')
    .select('id')
    .where('person_id', '=', P(11))
    .where('organisation_id', '=', CAFE)
    .executeTakeFirst()
  if (existing) return
  const profile = await trx
    .selectFrom('volunteer_profile')
    .select('person_id')
    .where('person_id', '=', P(11))
    .executeTakeFirst()
  if (!profile) return
  await trx
    .updateTable('volunteer_profile')
    .set({ interests: ['walks', 'cooking', 'music'], languages: ['da', 'en'], availability: 48 })
    .where('person_id', '=', P(11))
    .where(sql<boolean>`cardinality(interests) = 0`)
    .execute()
  const application = await trx
    .insertInto('volunteer_application')
    .values({
      person_id: P(11),
      organisation_id: CAFE,
      roles: ['buddy', 'helper'],
      state: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const kinds = await trx
    .selectFrom('organisation_requirement')
    .select('kind')
    .where('organisation_id', '=', CAFE)
    .execute()
  if (kinds.length)
    await trx
      .insertInto('volunteer_requirement')
      .values(
        kinds.map((k) => ({
          application_id: application.id,
          kind: k.kind,
          checked_on: day(now, -60),
          expires_on: k.kind === 'criminal_record' ? day(now, 600) : null,
          recorded_by: P(6),
        })),
      )
      .execute()
}

async function seedCourse(trx: Transaction<DB>, c: DemoCourse, now: Date) {
  const found = await trx
    .selectFrom('referral as r')
    .innerJoin('volunteer_application as va', (j) =>
      j.on('va.person_id', '=', VOLUNTEER(c.volunteer)).on('va.organisation_id', '=', CAFE),
    )
    .select(['r.id as referral_id', 'r.citizen_id', 'r.municipality_id', 'va.id as application_id'])
    .where('r.citizen_id', '=', CITIZEN(c.citizen))
    .where('r.kind', '=', 'buddy')
    .where('r.to_organisation_id', '=', CAFE)
    .orderBy('r.sent_at', 'desc')
    .executeTakeFirst()
  if (!found) return false
  const running = ['active', 'paused', 'closing', 'closed'].includes(c.state)
  const started = c.startedDaysAgo !== undefined ? at(now, -c.startedDaysAgo) : null
  const inserted = await trx
    .insertInto('course')
    .values({
      id: COURSE(c.n),
      referral_id: found.referral_id,
      citizen_id: found.citizen_id,
      municipality_id: found.municipality_id,
      organisation_id: CAFE,
      volunteer_application_id: found.application_id,
      volunteer_person_id: VOLUNTEER(c.volunteer),
      state: c.state,
      volunteer_answer: c.volunteerAnswer ?? (running ? 'yes' : 'pending'),
      volunteer_answered_at:
        c.volunteerAnswer === 'pending' ? null : at(now, -c.proposedDaysAgo + 1),
      volunteer_decline_reason: c.declineReason ?? null,
      citizen_answer: c.citizenAnswer ?? (running ? 'yes' : 'pending'),
      citizen_answered_at: running ? at(now, -c.proposedDaysAgo + 2) : null,
      proposed_by: P(6),
      proposed_at: at(now, -c.proposedDaysAgo),
      course_type: c.courseType ?? 'coordination_companionship',
      goals: c.goals ?? null,
      started_at: started,
      planned_end: started ? day(started, 182) : null,
      closed_at: c.closedDaysAgo !== undefined ? at(now, -c.closedDaysAgo) : null,
      closed_by: c.closedDaysAgo !== undefined ? P(6) : null,
      close_reason: c.closeReason ?? null,
      anchoring_activity_id: c.anchored ? DEMO_ACTIVITY.dinner : null,
      anchoring_none_reason: c.noneReason ?? null,
      follow_up: c.followUp ?? false,
      reopened_from_course_id: c.reopenedFrom ? COURSE(c.reopenedFrom) : null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return true
  if (c.meetings?.length)
    await trx
      .insertInto('course_meeting')
      .values(
        c.meetings.map(([ago, type, minutes, note], i) => ({
          id: ROW(c.n, i + 1),
          course_id: COURSE(c.n),
          met_on: day(now, -ago),
          type,
          minutes,
          note,
          logged_by: VOLUNTEER(c.volunteer),
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  if (c.assessments?.length && started)
    await trx
      .insertInto('course_assessment')
      .values(
        c.assessments.map(([stage, ownGoals, peopleAround], i) => ({
          id: ROW(c.n, 50 + i),
          course_id: COURSE(c.n),
          stage,
          own_goals: ownGoals,
          people_around: peopleAround,
          recorded_at: new Date(started.getTime() + i * 60 * DAY + DAY),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute()
  if (c.state === 'active' || c.state === 'paused' || c.state === 'closing')
    await trx
      .updateTable('referral')
      .set({ state: 'in_progress' })
      .where('id', '=', found.referral_id)
      .where('state', '=', 'accepted')
      .execute()
  return true
}

export async function seedDemoMatching(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await seedMikkel(trx, now)
    await ensureSofie(trx, now)
    const made = new Set<number>()
    for (const c of courses) {
      if (c.reopenedFrom && !made.has(c.reopenedFrom)) continue
      if (await seedCourse(trx, c, now)) made.add(c.n)
    }
    if (made.has(2)) {
      // The buddy's concern, waiting with the caseworker, and the coordinator's overdue check-in.
      await trx
        .insertInto('course_concern')
        .values({
          id: ROW(2, 90),
          course_id: COURSE(2),
          raised_by: VOLUNTEER(1),
          text: 'Han har ikke åbnet døren de sidste to gange, vi havde aftalt at ses.',
          raised_at: at(now, -3),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      await trx
        .insertInto('task')
        .values([
          {
            id: ROW(2, 91),
            kind: 'concern',
            course_id: COURSE(2),
            concern_id: ROW(2, 90),
            assignee_person_id: P(2),
            due_at: at(now, -3),
            dedupe_key: `concern:${ROW(2, 90)}`,
          },
          {
            id: ROW(2, 92),
            kind: 'checkin',
            course_id: COURSE(2),
            organisation_id: CAFE,
            due_at: at(now, -12),
            dedupe_key: `checkin:${COURSE(2)}:1`,
          },
        ])
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    if (made.has(6))
      await trx
        .insertInto('task')
        .values([
          {
            id: ROW(6, 91),
            kind: 'follow_up_call',
            course_id: COURSE(6),
            organisation_id: CAFE,
            due_at: at(now, 8),
            dedupe_key: `follow_up_call:${COURSE(6)}:demo`,
          },
          {
            id: ROW(6, 92),
            kind: 'follow_up_invite',
            course_id: COURSE(6),
            organisation_id: CAFE,
            due_at: at(now, -13),
            dedupe_key: `follow_up_invite:${COURSE(6)}:demo`,
          },
        ])
        .onConflict((oc) => oc.doNothing())
        .execute()
  })
}
