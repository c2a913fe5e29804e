import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import {
  addException,
  cancelActivity,
  createActivity,
  getActivityForStaff,
  listOrgActivities,
  updateActivity,
} from '~/modules/activities/activities.server'
import { runDailyActivityJobs } from '~/modules/activities/jobs.server'
import { utcToZoned } from '~/modules/activities/schedule'
import { ActivityFormSchema, type ActivityInput } from '~/modules/activities/schemas'
import { loadActor } from '~/modules/identity/actor.server'
import type { Ctx } from '~/modules/identity/guards.server'
import * as editPage from '~/routes/org.$orgId.activities.$activityId._index'
import * as listPage from '~/routes/org.$orgId.activities._index'
import * as newPage from '~/routes/org.$orgId.activities.new'
import * as profilePage from '~/routes/org.$orgId.profile'
import { parseForm } from '~/ui/forms'
import { DEMO_ACTIVITY } from '../../db/seed/demo-activities.ts'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import {
  callRoute,
  createOrganisation,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// Organisation staff post and change activities; sessions follow the schedule in the same
// transaction, and the people signed up to a session that goes away are told — through the
// module with a fixed clock (the October clock change) and through the routes with real Requests.

const CAFE = DEMO.org.cafe
const OCT_1 = new Date('2026-10-01T10:00:00Z')

let database: Database
let seedMs: number
interface Staff {
  id: string
  cookie: string
}
let cafeCoordinator: Staff
let cafeStaff: Staff
let footballCoordinator: Staff
let pendingCoordinator: Staff
let pendingOrg: string

async function staff(name: string, organisationId: string, role: 'coordinator' | 'staff') {
  const person = await createPerson(database.db, {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@org.test`,
    orgRoles: [{ organisationId, role }],
  })
  return { id: person.id, cookie: await sessionCookieFor(database.db, person.id) }
}

async function ctxFor(person: Staff, now: Date): Promise<Ctx> {
  const actor = await loadActor(database.db, person.id, { id: 'test', mfaVerified: true })
  return { db: database.db, actor: actor!, now, ipHash: null }
}

const FIELDS = {
  title: 'Fællesspisning i haven',
  description: 'Vi laver mad sammen og spiser ved de lange borde.',
  category: 'meal',
  scheduleKind: 'weekly',
  weekday: 'TU',
  firstDate: '2026-10-06',
  startTime: '17:00',
  endTime: '19:30',
  locationName: 'Café Broen',
  streetAddress: 'Godthåbsvej 41',
  postalCode: '2000',
  city: 'Frederiksberg',
  price: '20',
  capacity: '30',
  openNoReferral: 'yes',
  noMembership: 'yes',
  roles: 'participant',
  saveAs: 'publish',
}

function input(overrides: Record<string, string> = {}): ActivityInput {
  const form = new FormData()
  for (const [k, v] of Object.entries({ ...FIELDS, ...overrides })) form.append(k, v)
  const parsed = parseForm(ActivityFormSchema, form)
  if (!parsed.ok) throw new Error(`invalid test input: ${JSON.stringify(parsed.errors)}`)
  return parsed.data
}

async function sessionsOf(activityId: string) {
  const rows = await database.db
    .selectFrom('activity_session')
    .select(['id', 'starts_at', 'ends_at', 'local_date', 'status', 'cancelled_reason', 'capacity'])
    .where('activity_id', '=', activityId)
    .orderBy('starts_at')
    .execute()
  return rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at), ends_at: new Date(r.ends_at) }))
}

async function signUp(
  sessionId: string,
  who: { guestName?: string; email?: string; phone?: string; personId?: string },
  options: { language?: 'da' | 'en'; state?: 'confirmed' | 'waitlisted' | 'cancelled' } = {},
) {
  const row = await database.db
    .insertInto('signup')
    .values({
      session_id: sessionId,
      person_id: who.personId ?? null,
      guest_name: who.guestName ?? null,
      guest_email: who.email ?? null,
      guest_phone: who.phone ?? null,
      language: options.language ?? 'da',
      state: options.state ?? 'confirmed',
      waitlisted_at: options.state === 'waitlisted' ? new Date() : null,
      cancel_token_hash: randomBytes(16).toString('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function outboxFor(template: string, to?: string) {
  let query = database.db
    .selectFrom('outbox_message')
    .select(['to_address', 'language', 'subject', 'text_body', 'html_body', 'dedupe_key'])
    .where('template', '=', template)
  if (to) query = query.where('to_address', '=', to)
  return query.orderBy('created_at').execute()
}

/** The status a module function refuses with (it throws `data(…, { status })`). */
async function refusal(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn()
  } catch (thrown) {
    const status = (thrown as { init?: { status?: number } } | null)?.init?.status
    if (status) return status
    throw thrown
  }
  return 200
}

const createPost = (orgId: string, fields: Record<string, string | string[]>, cookie: string) => {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields))
    for (const value of ([] as string[]).concat(v)) body.append(k, value)
  const request = formRequest(`/org/${orgId}/activities/new`, {}, cookie)
  return callRoute(
    newPage.action,
    new Request(request.url, { method: 'POST', headers: request.headers, body: body.toString() }),
    { orgId },
  )
}

beforeAll(async () => {
  database = await createTestDatabase()
  const started = performance.now()
  await seedDemo(database.db)
  seedMs = performance.now() - started
  cafeCoordinator = await staff('Carla Koordinator', CAFE, 'coordinator')
  cafeStaff = await staff('Jonas Medarbejder', CAFE, 'staff')
  footballCoordinator = await staff('Ahmed Træner', DEMO.org.streetFootball, 'coordinator')
  pendingOrg = await createOrganisation(database.db, 'Strikkeklubben Masker')
  pendingCoordinator = await staff('Lone Strik', pendingOrg, 'coordinator')
})

describe('a coordinator posts a weekly activity', () => {
  it('has a session for each of the next 12 weeks, at 17:00 Copenhagen time across the clock change', async () => {
    const goal = await database.db
      .selectFrom('goal as g')
      .innerJoin('goal_framework as f', 'f.id', 'g.framework_id')
      .select('g.id')
      .where('f.municipality_id', '=', DEMO.frederiksberg)
      .where('g.position', '=', 3)
      .executeTakeFirstOrThrow()
    const loneliness = await database.db
      .selectFrom('target_group')
      .select('id')
      .where('code', '=', 'loneliness')
      .executeTakeFirstOrThrow()
    const result = await createActivity(
      await ctxFor(cafeCoordinator, OCT_1),
      CAFE,
      input({ goals: goal.id, targetGroups: loneliness.id }),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const sessions = await sessionsOf(result.activityId)
    expect(sessions.map((s) => s.local_date)).toEqual([
      '2026-10-06',
      '2026-10-13',
      '2026-10-20',
      '2026-10-27',
      '2026-11-03',
      '2026-11-10',
      '2026-11-17',
      '2026-11-24',
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
    ])
    // Summer time (UTC+2) until Sunday 25 October, then winter time (UTC+1).
    expect(sessions[2]!.starts_at.toISOString()).toBe('2026-10-20T15:00:00.000Z')
    expect(sessions[2]!.ends_at.toISOString()).toBe('2026-10-20T17:30:00.000Z')
    expect(sessions[3]!.starts_at.toISOString()).toBe('2026-10-27T16:00:00.000Z')
    expect(sessions[3]!.ends_at.toISOString()).toBe('2026-10-27T18:30:00.000Z')
    for (const s of sessions) {
      expect(utcToZoned(s.starts_at).time).toBe('17:00')
      expect(s.capacity).toBe(30)
      expect(s.status).toBe('scheduled')
    }

    const activity = await database.db
      .selectFrom('activity')
      .select(['status', 'price_oere', 'freq', 'byday', 'created_by', 'roles_offered'])
      .where('id', '=', result.activityId)
      .executeTakeFirstOrThrow()
    expect(activity).toMatchObject({
      status: 'published',
      price_oere: 2000,
      freq: 'weekly',
      byday: 'TU',
      created_by: cafeCoordinator.id,
      roles_offered: ['participant'],
    })
    const tags = await database.db
      .selectFrom('activity_target_group')
      .select('target_group_id')
      .where('activity_id', '=', result.activityId)
      .execute()
    expect(tags).toEqual([{ target_group_id: loneliness.id }])
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_person_id', 'municipality_id'])
      .where('action', '=', 'activity.created')
      .where('record_id', '=', result.activityId)
      .execute()
    expect(audit).toEqual([
      { actor_person_id: cafeCoordinator.id, municipality_id: DEMO.frederiksberg },
    ])
  })

  it('works through the pages: posted without JavaScript, listed, and shown for editing', async () => {
    const created = await createPost(
      CAFE,
      {
        ...FIELDS,
        title: 'Brætspil og kaffe',
        firstDate: '2026-11-02',
        weekday: 'TH',
        roles: ['participant', 'helper'],
      },
      cafeCoordinator.cookie,
    )
    expect(created.status).toBe(302)
    const match = /^\/org\/([0-9a-f-]+)\/activities\/([0-9a-f-]{36})\?done=created$/.exec(
      created.location ?? '',
    )
    expect(match?.[1]).toBe(CAFE)
    const activityId = match![2]!

    const list = await callRoute(
      listPage.loader,
      getRequest(`/org/${CAFE}/activities`, cafeCoordinator.cookie),
      { orgId: CAFE },
    )
    expect(list.status).toBe(200)
    const item = list.data.activities.find((a: { id: string }) => a.id === activityId)
    expect(item).toMatchObject({ title: 'Brætspil og kaffe', status: 'published' })
    expect(item.schedule).toContain('torsdag')
    expect(item.next).toContain('kl. 17.00')

    const edit = await callRoute(
      editPage.loader,
      getRequest(`/org/${CAFE}/activities/${activityId}?done=created`, cafeCoordinator.cookie),
      { orgId: CAFE, activityId },
    )
    expect(edit.status).toBe(200)
    expect(edit.data.done).toBe('created')
    expect(edit.data.form.values).toMatchObject({
      title: 'Brætspil og kaffe',
      weekday: 'TH',
      scheduleKind: 'weekly',
      price: '20',
      startTime: '17:00',
      openNoReferral: 'yes',
    })
    expect(edit.data.form.lists.roles).toEqual(['participant', 'helper'])
    expect(edit.data.sessions).toHaveLength(12)
    expect(edit.data.sessions[0]).toMatchObject({ signedUp: 0, capacity: 30, waitlisted: 0 })
    // The choices are the café's own municipality's.
    expect(edit.data.choices.areas.map((a: { label: string }) => a.label)).toContain(
      'Frederiksberg Vest',
    )
    expect(edit.data.choices.areas.map((a: { label: string }) => a.label)).not.toContain('Islev')
  })

  it('is one activity when the form is sent twice', async () => {
    const fields = { ...FIELDS, title: 'Strik og snak', firstDate: '2026-12-01' }
    const [a, b] = await Promise.all([
      createPost(CAFE, fields, cafeCoordinator.cookie),
      createPost(CAFE, fields, cafeCoordinator.cookie),
    ])
    expect(a.status).toBe(302)
    expect(b.location).toBe(a.location)
    const rows = await database.db
      .selectFrom('activity')
      .select('id')
      .where('title', '=', 'Strik og snak')
      .execute()
    expect(rows).toHaveLength(1)
    // Another weekday with the same name is another activity.
    const other = await createPost(CAFE, { ...fields, weekday: 'FR' }, cafeCoordinator.cookie)
    expect(other.status).toBe(302)
    expect(other.location).not.toBe(a.location)
  })

  it('may be posted by staff who are not coordinators', async () => {
    const result = await createActivity(await ctxFor(cafeStaff, OCT_1), CAFE, input())
    expect(result.ok).toBe(true)
  })
})

describe('who may post and publish', () => {
  it('refuses staff of another organisation (403), in the module and on the pages', async () => {
    const other = await ctxFor(footballCoordinator, OCT_1)
    expect(await refusal(() => createActivity(other, CAFE, input()))).toBe(403)
    const cafe = await createActivity(await ctxFor(cafeCoordinator, OCT_1), CAFE, input())
    if (!cafe.ok) throw new Error('not created')
    expect(await refusal(() => updateActivity(other, cafe.activityId, input()))).toBe(403)
    expect(await refusal(() => addException(other, cafe.activityId, '2026-10-13', 'Lukket'))).toBe(
      403,
    )
    expect(await refusal(() => getActivityForStaff(other, cafe.activityId))).toBe(403)
    expect(await refusal(() => listOrgActivities(other, CAFE))).toBe(403)

    const post = await createPost(CAFE, FIELDS, footballCoordinator.cookie)
    expect(post.status).toBe(403)
    // Their own organisation in the address does not open another organisation's activity.
    const foreign = await callRoute(
      editPage.loader,
      getRequest(
        `/org/${DEMO.org.streetFootball}/activities/${cafe.activityId}`,
        footballCoordinator.cookie,
      ),
      { orgId: DEMO.org.streetFootball, activityId: cafe.activityId },
    )
    expect(foreign.status).toBe(403)
    const notTheirs = await callRoute(
      editPage.loader,
      getRequest(
        `/org/${DEMO.org.streetFootball}/activities/${DEMO_ACTIVITY.footballMonday}`,
        cafeCoordinator.cookie,
      ),
      { orgId: DEMO.org.streetFootball, activityId: DEMO_ACTIVITY.footballMonday },
    )
    expect(notTheirs.status).toBe(403)
  })

  it('answers 404 for an activity that does not exist or belongs elsewhere', async () => {
    const missing = await callRoute(
      editPage.loader,
      getRequest(`/org/${CAFE}/activities/not-an-id`, cafeCoordinator.cookie),
      { orgId: CAFE, activityId: 'not-an-id' },
    )
    expect(missing.status).toBe(404)
    // The café's coordinator also helps at the football club, but the address names the café.
    await database.db
      .insertInto('organisation_membership')
      .values({
        person_id: cafeCoordinator.id,
        organisation_id: DEMO.org.streetFootball,
        role: 'staff',
      })
      .execute()
    const elsewhere = await callRoute(
      editPage.loader,
      getRequest(`/org/${CAFE}/activities/${DEMO_ACTIVITY.footballMonday}`, cafeCoordinator.cookie),
      { orgId: CAFE, activityId: DEMO_ACTIVITY.footballMonday },
    )
    expect(elsewhere.status).toBe(404)
    await database.db
      .deleteFrom('organisation_membership')
      .where('person_id', '=', cafeCoordinator.id)
      .where('organisation_id', '=', DEMO.org.streetFootball)
      .execute()
  })

  it('lets a pending organisation save a draft but not publish', async () => {
    const publish = await createPost(
      pendingOrg,
      { ...FIELDS, title: 'Strikkecafé' },
      pendingCoordinator.cookie,
    )
    expect(publish.status).toBe(400)
    expect(publish.data.errors).toEqual({ saveAs: ['pages.orgActivities.errors.notApproved'] })
    expect(publish.data.values.title).toBe('Strikkecafé')
    const before = await database.db
      .selectFrom('activity')
      .select('id')
      .where('organisation_id', '=', pendingOrg)
      .execute()
    expect(before).toEqual([])

    const draft = await createPost(
      pendingOrg,
      { ...FIELDS, title: 'Strikkecafé', saveAs: 'draft' },
      pendingCoordinator.cookie,
    )
    expect(draft.status).toBe(302)
    const [activity] = await database.db
      .selectFrom('activity')
      .select(['id', 'status'])
      .where('organisation_id', '=', pendingOrg)
      .execute()
    expect(activity!.status).toBe('draft')
    expect(await sessionsOf(activity!.id)).toEqual([])

    // Nor can the draft be published by editing it.
    const ctx = await ctxFor(pendingCoordinator, OCT_1)
    const edit = await updateActivity(ctx, activity!.id, input({ title: 'Strikkecafé' }))
    expect(edit).toEqual({
      ok: false,
      errors: { saveAs: ['pages.orgActivities.errors.notApproved'] },
    })
  })
})

describe('changing the schedule', () => {
  it('moves sessions nobody signed up for, and cancels and tells about those with sign-ups', async () => {
    const ctx = await ctxFor(cafeCoordinator, OCT_1)
    const created = await createActivity(ctx, CAFE, input({ title: 'Madklub' }))
    if (!created.ok) throw new Error('not created')
    const before = await sessionsOf(created.activityId)
    const oct13 = before.find((s) => s.local_date === '2026-10-13')!
    const oct20 = before.find((s) => s.local_date === '2026-10-20')!
    const member = await createPerson(database.db, {
      name: 'Mikkel Medlem',
      email: 'mikkel.medlem@example.test',
    })
    await signUp(oct13.id, { guestName: 'Grace', email: 'grace@example.test' }, { language: 'en' })
    await signUp(oct13.id, { guestName: 'Bent', phone: '+45 20 30 40 50' })
    await signUp(oct13.id, { personId: member.id }, { state: 'waitlisted' })
    await signUp(
      oct20.id,
      { guestName: 'Aase', email: 'aase@example.test' },
      { state: 'cancelled' },
    )

    const result = await updateActivity(
      ctx,
      created.activityId,
      input({ title: 'Madklub', weekday: 'WE' }),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.report).toEqual({
      sessionsCancelled: 1,
      sessionsRemoved: 11,
      notified: 2,
      notNotified: 1,
    })

    const after = await sessionsOf(created.activityId)
    const tuesdays = after.filter(
      (s) =>
        s.local_date <= '2026-12-24' && new Date(`${s.local_date}T12:00:00Z`).getUTCDay() === 2,
    )
    expect(tuesdays.map((s) => [s.id, s.status])).toEqual([[oct13.id, 'cancelled']])
    const wednesdays = after.filter((s) => s.status === 'scheduled')
    expect(wednesdays.map((s) => s.local_date)).toEqual([
      '2026-10-07',
      '2026-10-14',
      '2026-10-21',
      '2026-10-28',
      '2026-11-04',
      '2026-11-11',
      '2026-11-18',
      '2026-11-25',
      '2026-12-02',
      '2026-12-09',
      '2026-12-16',
      '2026-12-23',
    ])
    expect(wednesdays[3]!.starts_at.toISOString()).toBe('2026-10-28T16:00:00.000Z')

    const [toGrace] = await outboxFor('sessionCancelled', 'grace@example.test')
    expect(toGrace).toMatchObject({ language: 'en', subject: 'Cancelled: Madklub' })
    expect(toGrace!.text_body).toContain('Hello Grace,')
    expect(toGrace!.text_body).toContain('Tuesday, 13 October 2026 at 17:00')
    expect(toGrace!.text_body).toContain('+45 33 44 55 66')
    const [toMikkel] = await outboxFor('sessionCancelled', 'mikkel.medlem@example.test')
    expect(toMikkel).toMatchObject({ language: 'da', subject: 'Aflyst: Madklub' })
    expect(toMikkel!.text_body).toContain('tirsdag den 13. oktober 2026 kl. 17.00')
    expect(toMikkel!.text_body).toContain('ændret tiderne')
    expect(await outboxFor('sessionCancelled', 'aase@example.test')).toEqual([])

    const audit = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'activity.updated')
      .where('record_id', '=', created.activityId)
      .executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({
      scheduleChanged: true,
      sessionsCancelled: 1,
      notified: 2,
    })

    // Saving the same again changes nothing and tells nobody twice.
    const again = await updateActivity(
      ctx,
      created.activityId,
      input({ title: 'Madklub', weekday: 'WE' }),
    )
    expect(again.ok && again.report).toEqual({
      sessionsCancelled: 0,
      sessionsRemoved: 0,
      notified: 0,
      notNotified: 0,
    })
    expect(await outboxFor('sessionCancelled', 'grace@example.test')).toHaveLength(1)
  })

  it('keeps sessions and their sign-ups when only the end time or capacity changes', async () => {
    const ctx = await ctxFor(cafeCoordinator, OCT_1)
    const created = await createActivity(ctx, CAFE, input({ title: 'Sangaften' }))
    if (!created.ok) throw new Error('not created')
    const before = await sessionsOf(created.activityId)
    await signUp(before[0]!.id, { guestName: 'Kim', email: 'kim@example.test' })
    const result = await updateActivity(
      ctx,
      created.activityId,
      input({ title: 'Sangaften', endTime: '20:00', capacity: '40' }),
    )
    expect(result.ok && result.report.notified).toBe(0)
    const after = await sessionsOf(created.activityId)
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id))
    expect(after.every((s) => s.status === 'scheduled' && s.capacity === 40)).toBe(true)
    expect(after[2]!.ends_at.toISOString()).toBe('2026-10-20T18:00:00.000Z')
    expect(after[3]!.ends_at.toISOString()).toBe('2026-10-27T19:00:00.000Z')
  })

  it('cancelling the whole activity removes its future and tells the people signed up', async () => {
    const ctx = await ctxFor(cafeCoordinator, OCT_1)
    const created = await createActivity(ctx, CAFE, input({ title: 'Filmklub' }))
    if (!created.ok) throw new Error('not created')
    const sessions = await sessionsOf(created.activityId)
    await signUp(sessions[4]!.id, { guestName: 'Lis', email: 'lis@example.test' })
    const report = await cancelActivity(ctx, created.activityId, 'Vi holder pause til foråret.')
    expect(report).toEqual({
      sessionsCancelled: 1,
      sessionsRemoved: 11,
      notified: 1,
      notNotified: 0,
    })
    const [mail] = await outboxFor('sessionCancelled', 'lis@example.test')
    expect(mail!.text_body).toContain('Besked fra arrangøren: Vi holder pause til foråret.')
    const left = await sessionsOf(created.activityId)
    expect(left.map((s) => s.status)).toEqual(['cancelled'])
    const list = await listOrgActivities(ctx, CAFE)
    expect(list.at(-1)).toMatchObject({
      id: created.activityId,
      status: 'cancelled',
      nextSession: null,
    })
    // Nothing comes back with the daily job.
    await runDailyActivityJobs(database.db, new Date(OCT_1.getTime() + 7 * 86_400_000))
    expect(await sessionsOf(created.activityId)).toHaveLength(1)
  })
})

describe('cancelling one date', () => {
  it('cancels that session, tells the people signed up, and does it once', async () => {
    const ctx = await ctxFor(cafeCoordinator, OCT_1)
    const created = await createActivity(ctx, CAFE, input({ title: 'Suppe og snak' }))
    if (!created.ok) throw new Error('not created')
    const nov3 = (await sessionsOf(created.activityId)).find((s) => s.local_date === '2026-11-03')!
    await signUp(nov3.id, { guestName: 'Eva', email: 'eva@example.test' })
    await signUp(nov3.id, { guestName: 'Ole', phone: '+45 22 33 44 55' })

    const result = await addException(
      ctx,
      created.activityId,
      '2026-11-03',
      'Køkkenet bliver malet.',
    )
    expect(result).toEqual({
      ok: true,
      alreadyCancelled: false,
      report: { sessionsCancelled: 1, sessionsRemoved: 0, notified: 1, notNotified: 1 },
    })
    const session = (await sessionsOf(created.activityId)).find((s) => s.id === nov3.id)!
    expect(session).toMatchObject({
      status: 'cancelled',
      cancelled_reason: 'Køkkenet bliver malet.',
    })
    const mails = await outboxFor('sessionCancelled', 'eva@example.test')
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('Aflyst: Suppe og snak')
    expect(mails[0]!.text_body).toContain(
      'Café Broen har aflyst Suppe og snak tirsdag den 3. november 2026 kl. 17.00.',
    )
    expect(mails[0]!.text_body).toContain('Køkkenet bliver malet.')
    expect(mails[0]!.html_body).toContain('Køkkenet bliver malet.')

    const twice = await addException(
      ctx,
      created.activityId,
      '2026-11-03',
      'Køkkenet bliver malet.',
    )
    expect(twice).toMatchObject({ ok: true, alreadyCancelled: true })
    expect(await outboxFor('sessionCancelled', 'eva@example.test')).toHaveLength(1)
    const audit = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'activity.exception_added')
      .where('record_id', '=', created.activityId)
      .execute()
    expect(audit.map((a) => a.details)).toEqual([
      { date: '2026-11-03', sessionsCancelled: 1, sessionsRemoved: 0, notified: 1, notNotified: 1 },
    ])

    // The daily job keeps the date cancelled.
    await runDailyActivityJobs(database.db, new Date('2026-10-20T03:00:00Z'))
    expect((await sessionsOf(created.activityId)).find((s) => s.id === nov3.id)!.status).toBe(
      'cancelled',
    )
  })

  it('refuses a date the activity does not have, and one that has passed', async () => {
    const ctx = await ctxFor(cafeCoordinator, OCT_1)
    const created = await createActivity(ctx, CAFE, input({ title: 'Lektiecafé' }))
    if (!created.ok) throw new Error('not created')
    expect(await addException(ctx, created.activityId, '2026-11-04', 'x')).toEqual({
      ok: false,
      errors: { date: ['pages.orgActivities.errors.notAnOccurrence'] },
    })
    const late = { ...ctx, now: new Date('2026-10-06T15:30:00Z') } // 17:30 on the day
    expect(await addException(late, created.activityId, '2026-10-06', 'x')).toEqual({
      ok: false,
      errors: { date: ['pages.orgActivities.errors.dateInPast'] },
    })
    // A date beyond the 12 weeks is remembered, and its session is never made.
    expect((await addException(ctx, created.activityId, '2027-01-05', 'Nytår')).ok).toBe(true)
    await runDailyActivityJobs(database.db, new Date('2026-12-01T03:00:00Z'))
    const sessions = await sessionsOf(created.activityId)
    expect(sessions.some((s) => s.local_date === '2027-01-12')).toBe(true)
    expect(sessions.find((s) => s.local_date === '2027-01-05')).toBeUndefined()
  })

  it('works from the activity page without JavaScript', async () => {
    const next = await database.db
      .selectFrom('activity_session')
      .select(['id', 'local_date'])
      .where('activity_id', '=', DEMO_ACTIVITY.dinner)
      .where('starts_at', '>', new Date())
      .where('status', '=', 'scheduled')
      .orderBy('starts_at')
      .limit(1)
      .executeTakeFirstOrThrow()
    await signUp(next.id, { guestName: 'Sigrid', email: 'sigrid@example.test' })
    const url = `/org/${CAFE}/activities/${DEMO_ACTIVITY.dinner}`
    const params = { orgId: CAFE, activityId: DEMO_ACTIVITY.dinner }
    const bad = await callRoute(
      editPage.action,
      formRequest(
        url,
        { intent: 'exception', date: 'næste tirsdag', reason: '' },
        cafeCoordinator.cookie,
      ),
      params,
    )
    expect(bad.status).toBe(400)
    expect(bad.data).toMatchObject({
      intent: 'exception',
      errors: {
        date: ['pages.orgActivities.errors.dateInvalid'],
        reason: ['pages.orgActivities.errors.reasonRequired'],
      },
      values: { date: 'næste tirsdag' },
    })
    const ok = await callRoute(
      editPage.action,
      formRequest(
        url,
        { intent: 'exception', date: next.local_date, reason: 'Vi har lukket for ferie.' },
        cafeCoordinator.cookie,
      ),
      params,
    )
    expect(ok.status).toBe(302)
    expect(ok.location).toBe(`${url}?done=exceptionAdded&cancelled=1&notified=1`)
    const session = await database.db
      .selectFrom('activity_session')
      .select('status')
      .where('id', '=', next.id)
      .executeTakeFirstOrThrow()
    expect(session.status).toBe('cancelled')
    expect(await outboxFor('sessionCancelled', 'sigrid@example.test')).toHaveLength(1)
    const page = await callRoute(
      editPage.loader,
      getRequest(ok.location!, cafeCoordinator.cookie),
      params,
    )
    expect(page.data.counts).toMatchObject({ cancelled: 1, notified: 1, toCall: 0 })
    expect(page.data.exceptions.map((e: { date: string }) => e.date)).toContain(next.local_date)
  })
})

describe('a form with mistakes', () => {
  it('comes back with 400, the errors as keys, and everything that was typed and ticked', async () => {
    const islev = await database.db
      .selectFrom('area')
      .select('id')
      .where('slug', '=', 'islev')
      .executeTakeFirstOrThrow()
    const result = await createPost(
      CAFE,
      {
        ...FIELDS,
        title: '',
        price: 'tyve kroner',
        endTime: '16:00',
        roles: ['participant', 'spectator'],
        scheduleKind: 'monthly',
        nth: '',
      },
      cafeCoordinator.cookie,
    )
    expect(result.status).toBe(400)
    expect(result.data.errors).toEqual({
      title: ['pages.orgActivities.errors.titleRequired'],
      price: ['pages.orgActivities.errors.priceInvalid'],
      nth: ['pages.orgActivities.errors.nthRequired'],
      endTime: ['pages.orgActivities.errors.endTimeBeforeStart'],
    })
    expect(result.data.values).toMatchObject({
      price: 'tyve kroner',
      endTime: '16:00',
      city: 'Frederiksberg',
    })
    expect(result.data.lists.roles).toEqual(['participant', 'spectator'])

    // An area of another municipality is not a choice the form offered.
    const foreign = await createPost(CAFE, { ...FIELDS, areaId: islev.id }, cafeCoordinator.cookie)
    expect(foreign.status).toBe(400)
    expect(foreign.data.errors).toEqual({ areaId: ['pages.orgActivities.errors.invalidChoice'] })

    const edit = await callRoute(
      editPage.action,
      formRequest(
        `/org/${CAFE}/activities/${DEMO_ACTIVITY.dinner}`,
        { ...FIELDS, intent: 'save', capacity: '-3', roles: '' },
        cafeCoordinator.cookie,
      ),
      { orgId: CAFE, activityId: DEMO_ACTIVITY.dinner },
    )
    expect(edit.status).toBe(400)
    expect(edit.data.intent).toBe('save')
    expect(edit.data.errors.capacity).toEqual(['pages.orgActivities.errors.capacityInvalid'])
    const unknown = await callRoute(
      editPage.action,
      formRequest(
        `/org/${CAFE}/activities/${DEMO_ACTIVITY.dinner}`,
        { intent: 'x' },
        cafeCoordinator.cookie,
      ),
      { orgId: CAFE, activityId: DEMO_ACTIVITY.dinner },
    )
    expect(unknown.status).toBe(400)
  })
})

describe('the daily job', () => {
  it('makes the sessions the moving horizon brings, for published activities only, once', async () => {
    const ctx = await ctxFor(cafeCoordinator, OCT_1)
    const published = await createActivity(ctx, CAFE, input({ title: 'Morgenmad' }))
    const draft = await createActivity(ctx, CAFE, input({ title: 'Aftenmad', saveAs: 'draft' }))
    if (!published.ok || !draft.ok) throw new Error('not created')
    const later = new Date(OCT_1.getTime() + 14 * 86_400_000)
    const first = await runDailyActivityJobs(database.db, later)
    expect(first.materialiseSessions).toBeGreaterThan(0)
    const dates = (await sessionsOf(published.activityId)).map((s) => s.local_date)
    expect(dates.at(-1)).toBe('2027-01-05')
    expect(dates).toHaveLength(14)
    expect(await sessionsOf(draft.activityId)).toEqual([])
    expect(await runDailyActivityJobs(database.db, later)).toMatchObject({ materialiseSessions: 0 })
  })

  it('runs every job and reports the ones that failed together', async () => {
    const ran: string[] = []
    await expect(
      runDailyActivityJobs(database.db, OCT_1, {
        broken: async () => {
          ran.push('broken')
          throw new Error('boom')
        },
        fine: async () => {
          ran.push('fine')
          return 1
        },
      }),
    ).rejects.toThrow(AggregateError)
    expect(ran).toEqual(['broken', 'fine'])
  })
})

describe('the demo activities', () => {
  const demoIds = Object.values(DEMO_ACTIVITY)
  async function counts() {
    const count = async (table: 'activity_goal' | 'activity_target_group' | 'activity_session') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('activity_id', 'in', demoIds)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const bySession = async (table: 'signup' | 'session_attendance' | 'session_feedback') =>
      Number(
        (
          await database.db
            // The three tables share session_id; one of them stands for the type.
            .selectFrom(table as 'signup')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('session_id', 'in', (eb) =>
              eb.selectFrom('activity_session').select('id').where('activity_id', 'in', demoIds),
            )
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      activities: (
        await database.db.selectFrom('activity').select('id').where('id', 'in', demoIds).execute()
      ).length,
      goals: await count('activity_goal'),
      targetGroups: await count('activity_target_group'),
      sessions: await count('activity_session'),
      signups: await bySession('signup'),
      attendance: await bySession('session_attendance'),
      feedback: await bySession('session_feedback'),
    }
  }

  it('are all there, quickly, and seeding twice adds nothing', async () => {
    expect(seedMs).toBeLessThan(3000)
    const first = await counts()
    expect(first.activities).toBe(10)
    await seedDemo(database.db)
    expect(await counts()).toEqual(first)
    // The daily job agrees with the seed about which sessions exist.
    const sessions = first.sessions
    await runDailyActivityJobs(database.db, new Date())
    expect((await counts()).sessions).toBe(sessions)
  })

  it('have a full yoga class with two people waiting, in order', async () => {
    const next = await database.db
      .selectFrom('activity_session')
      .select(['id', 'capacity'])
      .where('activity_id', '=', DEMO_ACTIVITY.yoga)
      .where('starts_at', '>', new Date())
      .orderBy('starts_at')
      .limit(1)
      .executeTakeFirstOrThrow()
    const signups = await database.db
      .selectFrom('signup')
      .select([
        'state',
        'guest_name',
        'guest_phone',
        'guest_email',
        'waitlisted_at',
        'cancel_token_hash',
      ])
      .where('session_id', '=', next.id)
      .orderBy('created_at')
      .execute()
    expect(next.capacity).toBe(12)
    expect(signups.filter((s) => s.state === 'confirmed')).toHaveLength(12)
    const waiting = signups.filter((s) => s.state === 'waitlisted')
    expect(waiting).toHaveLength(2)
    expect(new Date(waiting[0]!.waitlisted_at!) < new Date(waiting[1]!.waitlisted_at!)).toBe(true)
    for (const s of signups) {
      expect(s.guest_name).toBeTruthy()
      expect(s.guest_phone ?? s.guest_email).toBeTruthy()
      expect(s.cancel_token_hash).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  it('have four weeks of attended dinners and football, with ratings', async () => {
    const past = await database.db
      .selectFrom('activity_session as s')
      .innerJoin('session_attendance as a', 'a.session_id', 's.id')
      .select(['s.activity_id', 'a.anonymous_count'])
      .where('s.activity_id', 'in', [
        DEMO_ACTIVITY.dinner,
        DEMO_ACTIVITY.footballMonday,
        DEMO_ACTIVITY.footballWednesday,
        DEMO_ACTIVITY.footballSaturday,
      ])
      .execute()
    expect(
      past.filter((p) => p.activity_id === DEMO_ACTIVITY.dinner).length,
    ).toBeGreaterThanOrEqual(3)
    expect(past.length).toBeGreaterThanOrEqual(14)
    for (const p of past) {
      expect(p.anonymous_count).toBeGreaterThanOrEqual(14)
      expect(p.anonymous_count).toBeLessThanOrEqual(26)
    }
    const ratings = await database.db.selectFrom('session_feedback').select('rating').execute()
    expect(ratings.length).toBeGreaterThan(0)
    expect(ratings.every((r) => r.rating >= 1 && r.rating <= 5)).toBe(true)
  })

  it('name no target groups in what the public sees', async () => {
    const names = await database.db.selectFrom('target_group').select(['name_da']).execute()
    const texts = await database.db
      .selectFrom('activity')
      .select(['title', 'description'])
      .where('id', 'in', demoIds)
      .execute()
    for (const text of texts.flatMap((t) => [t.title, t.description]))
      for (const { name_da } of names)
        expect(text.toLowerCase()).not.toContain(name_da.toLowerCase())
    const tagged = await database.db
      .selectFrom('activity_target_group')
      .select('activity_id')
      .distinct()
      .where('activity_id', 'in', demoIds)
      .execute()
    expect(tagged).toHaveLength(10)
    const three = await database.db
      .selectFrom('activity')
      .select('title')
      .where('organisation_id', '=', DEMO.org.streetFootball)
      .where('freq', '=', 'weekly')
      .execute()
    expect(three.length).toBeGreaterThanOrEqual(3)
  })
})

describe('the organisation profile', () => {
  const url = `/org/${CAFE}/profile`
  const params = { orgId: CAFE }
  const profile = {
    description: 'Værested med fællesspisning hver tirsdag.',
    phone: '+45 33 44 55 67',
    email: 'hej@broen.example.dk',
    website: 'broen.example.dk',
    streetAddress: 'Godthåbsvej 43',
    postalCode: '2000',
    city: 'Frederiksberg',
  }

  it('is changed by a coordinator, never the CVR number, and the change is in the audit trail', async () => {
    const page = await callRoute(
      profilePage.loader,
      getRequest(url, cafeCoordinator.cookie),
      params,
    )
    expect(page.status).toBe(200)
    expect(page.data.profile).toMatchObject({ name: 'Café Broen', cvr: '29876541' })

    const saved = await callRoute(
      profilePage.action,
      formRequest(url, { ...profile, cvr: '12345674', name: 'Nyt navn' }, cafeCoordinator.cookie),
      params,
    )
    expect(saved.status).toBe(302)
    expect(saved.location).toBe(`${url}?done=saved`)
    const row = await database.db
      .selectFrom('organisation')
      .select(['name', 'cvr', 'phone', 'email', 'website', 'street_address', 'description'])
      .where('id', '=', CAFE)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      name: 'Café Broen',
      cvr: '29876541',
      phone: '+45 33 44 55 67',
      email: 'hej@broen.example.dk',
      website: 'https://broen.example.dk',
      street_address: 'Godthåbsvej 43',
      description: 'Værested med fællesspisning hver tirsdag.',
    })
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_person_id', 'details'])
      .where('action', '=', 'organisation.profile_updated')
      .where('record_id', '=', CAFE)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor_person_id).toBe(cafeCoordinator.id)
    expect((audit[0]!.details as { changed: string[] }).changed.sort()).toEqual(
      ['description', 'email', 'phone', 'street_address', 'website'].sort(),
    )
  })

  it('refuses staff who are not coordinators, and mistakes come back with what was typed', async () => {
    const asStaff = await callRoute(profilePage.loader, getRequest(url, cafeStaff.cookie), params)
    expect(asStaff.status).toBe(403)
    const post = await callRoute(
      profilePage.action,
      formRequest(url, profile, cafeStaff.cookie),
      params,
    )
    expect(post.status).toBe(403)

    const bad = await callRoute(
      profilePage.action,
      formRequest(
        url,
        { ...profile, postalCode: '200', email: 'ikke en adresse' },
        cafeCoordinator.cookie,
      ),
      params,
    )
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({
      postalCode: ['pages.orgRegister.errors.postalCodeInvalid'],
      email: ['pages.orgProfile.errors.emailInvalid'],
    })
    expect(bad.data.values).toMatchObject({ postalCode: '200', city: 'Frederiksberg' })
  })
})
