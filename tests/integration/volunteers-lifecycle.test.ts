import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { addDays, zonedTimeToUtc } from '~/modules/activities/schedule'
import { seedDemoAccounts } from '~/modules/identity/demo-accounts.server'
import { runVolunteerJobs } from '~/modules/volunteers/jobs.server'
import * as hoursPage from '~/routes/volunteer.me.hours'
import * as mePage from '~/routes/volunteer.me._index'
import * as reviewPage from '~/routes/org.$orgId.volunteers.hours'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { DEMO_ACTIVITY } from '../../db/seed/demo-activities.ts'
import { V, seedDemoVolunteers } from '../../db/seed/demo-volunteers.ts'
import { callRoute, getRequest, ORIGIN, sessionCookieFor } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// What happens over time: requirements that expire (warned 30 and 7 days before, then back to
// screening), hours logged by a helper and reviewed by the coordinator, and a volunteer's own
// pause, resume and end.

const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const CAFE = DEMO.org.cafe

let database: Database
let sofie: string
let sofieApp: string
let cafeCoordinator: string
let footballCoordinator: string

function postForm(url: string, entries: [string, string][], cookie?: string | null) {
  const headers = new Headers({
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: ORIGIN,
  })
  if (cookie) headers.set('Cookie', cookie)
  return new Request(new URL(url, ORIGIN), {
    method: 'POST',
    headers,
    body: new URLSearchParams(entries).toString(),
  })
}

const stateOf = async (personId: string) =>
  await database.db
    .selectFrom('volunteer_application')
    .select(['id', 'state', 'state_reason'])
    .where('person_id', '=', personId)
    .where('organisation_id', '=', CAFE)
    .executeTakeFirstOrThrow()

const mailsFor = (to: string, template: string) =>
  database.db
    .selectFrom('outbox_message')
    .select(['subject', 'text_body', 'dedupe_key'])
    .where('to_address', '=', to)
    .where('template', '=', template)
    .orderBy('created_at')
    .execute()

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  await seedDemo(db)
  await seedDemoAccounts(db)
  await seedDemoVolunteers(db)
  sofie = await sessionCookieFor(db, P(11))
  sofieApp = (await stateOf(P(11))).id
  cafeCoordinator = await sessionCookieFor(db, P(6))
  footballCoordinator = await sessionCookieFor(db, P(8))
}, 60_000)

describe('requirements that expire', () => {
  let expiresOn: string
  const BIRGITTE = 'birgitte.lund@example.dk'
  const COORDINATOR = 'koordinator@cafe-broen.example.dk'

  beforeAll(async () => {
    const cert = await database.db
      .selectFrom('volunteer_requirement as vr')
      .innerJoin('volunteer_application as va', 'va.id', 'vr.application_id')
      .select('vr.expires_on')
      .where('va.person_id', '=', V(2))
      .where('vr.kind', '=', 'criminal_record')
      .executeTakeFirstOrThrow()
    expiresOn = cert.expires_on!
  })

  it('warns the volunteer and the coordinator 30 days before, once', async () => {
    const at = zonedTimeToUtc(addDays(expiresOn, -29), '12:00')
    const first = await runVolunteerJobs(database.db, at)
    expect(first.warned).toBeGreaterThanOrEqual(2)
    const again = await runVolunteerJobs(database.db, new Date(at.getTime() + 3_600_000))
    expect(again).toEqual({ warned: 0, expired: 0 })
    const mine = await mailsFor(BIRGITTE, 'volunteerExpiring')
    expect(mine).toHaveLength(1)
    expect(mine[0]!.subject).toBe('Din Straffeattest skal fornyes')
    expect(mine[0]!.text_body).toContain('om 29 dage')
    const theirs = (await mailsFor(COORDINATOR, 'volunteerExpiring')).filter((m) =>
      m.text_body.includes('Birgitte Lund'),
    )
    expect(theirs).toHaveLength(1)
  })

  it('warns again 7 days before, once', async () => {
    const at = zonedTimeToUtc(addDays(expiresOn, -7), '08:00')
    await runVolunteerJobs(database.db, at)
    await runVolunteerJobs(database.db, new Date(at.getTime() + 3_600_000))
    const mine = await mailsFor(BIRGITTE, 'volunteerExpiring')
    expect(mine.map((m) => m.dedupe_key)).toEqual([
      expect.stringMatching(/:30:volunteer$/),
      expect.stringMatching(/:7:volunteer$/),
    ])
    expect((await stateOf(V(2))).state).toBe('active')
  })

  it('moves the volunteer back to screening on the day it expires, and tells both', async () => {
    const lastDay = await runVolunteerJobs(
      database.db,
      zonedTimeToUtc(addDays(expiresOn, -1), '23:30'),
    )
    expect(lastDay.expired).toBe(0)
    expect((await stateOf(V(2))).state).toBe('active')
    const result = await runVolunteerJobs(database.db, zonedTimeToUtc(expiresOn, '00:30'))
    expect(result.expired).toBeGreaterThanOrEqual(1)
    expect(await stateOf(V(2))).toMatchObject({
      state: 'screening',
      state_reason: 'requirement expired',
    })
    const back = await mailsFor(BIRGITTE, 'volunteerBackToScreening')
    expect(back).toHaveLength(1)
    expect(back[0]!.text_body).toContain('Straffeattest')
    expect(
      (await mailsFor(COORDINATOR, 'volunteerBackToScreening')).some((m) =>
        m.text_body.includes('Birgitte Lund'),
      ),
    ).toBe(true)
    const event = await database.db
      .selectFrom('event')
      .select(['type', 'actor_person_id', 'data'])
      .where('entity_id', '=', (await stateOf(V(2))).id)
      .where('type', '=', 'volunteer.expire')
      .executeTakeFirstOrThrow()
    expect(event.actor_person_id).toBeNull()
    expect(event.data).toMatchObject({
      from: 'active',
      to: 'screening',
      kinds: ['criminal_record'],
    })
    const rerun = await runVolunteerJobs(database.db, zonedTimeToUtc(expiresOn, '01:30'))
    expect(rerun.expired).toBe(0)
  })

  it('leaves a paused volunteer whose requirements hold paused', async () => {
    expect((await stateOf(V(11))).state).toBe('paused')
  })
})

describe('hours as an activity helper', () => {
  let sessionId: string
  let submissionId: string

  it('offers the café’s sessions from the last 30 days and logs two hours once', async () => {
    const page = await callRoute(hoursPage.loader, getRequest('/volunteer/me/hours', sofie))
    expect(page.status).toBe(200)
    expect(page.data.choices).toHaveLength(1)
    const dinners = page.data.choices[0].sessions.filter((s: { label: string }) =>
      s.label.startsWith('Fællesspisning tirsdag'),
    )
    expect(dinners.length).toBeGreaterThanOrEqual(3)
    sessionId = dinners[2].id
    submissionId = page.data.submissionId
    const fields: [string, string][] = [
      ['submissionId', submissionId],
      ['applicationId', sofieApp],
      ['sessionId', sessionId],
      ['workedOn', ''],
      ['hours', '2'],
      ['minutes', ''],
      ['note', 'Stod i køkkenet'],
    ]
    const logged = await callRoute(hoursPage.action, postForm('/volunteer/me/hours', fields, sofie))
    expect(logged.location).toBe('/volunteer/me/hours?done=logged')
    await callRoute(hoursPage.action, postForm('/volunteer/me/hours', fields, sofie))
    const rows = await database.db
      .selectFrom('volunteer_hours as h')
      .innerJoin('activity_session as s', 's.id', 'h.session_id')
      .select(['h.minutes', 'h.state', 'h.worked_on', 's.local_date'])
      .where('h.submission_id', '=', submissionId)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ minutes: 120, state: 'submitted' })
    expect(rows[0]!.worked_on).toBe(rows[0]!.local_date)
  })

  it('refuses no duration, a future date, and another organisation’s session', async () => {
    const base = (over: Record<string, string>): [string, string][] =>
      Object.entries({
        submissionId: crypto.randomUUID(),
        applicationId: sofieApp,
        sessionId: '',
        workedOn: '',
        hours: '1',
        minutes: '',
        ...over,
      })
    const none = await callRoute(
      hoursPage.action,
      postForm('/volunteer/me/hours', base({ sessionId, hours: '' }), sofie),
    )
    expect(none.status).toBe(400)
    expect(none.data.errors.hours).toEqual(['pages.volunteer.errors.hours.durationInvalid'])
    const future = await callRoute(
      hoursPage.action,
      postForm('/volunteer/me/hours', base({ workedOn: '2099-01-01' }), sofie),
    )
    expect(future.status).toBe(400)
    expect(future.data.errors.workedOn).toEqual(['pages.volunteer.errors.hours.dateOutOfRange'])
    expect(future.data.values.workedOn).toBe('2099-01-01')
    const football = await database.db
      .selectFrom('activity_session')
      .select('id')
      .where('activity_id', '=', DEMO_ACTIVITY.footballMonday)
      .where('starts_at', '<', new Date())
      .orderBy('starts_at', 'desc')
      .executeTakeFirstOrThrow()
    const other = await callRoute(
      hoursPage.action,
      postForm('/volunteer/me/hours', base({ sessionId: football.id }), sofie),
    )
    expect(other.status).toBe(400)
    expect(other.data.errors.sessionId).toEqual(['pages.volunteer.errors.hours.sessionUnknown'])
  })

  it('lets only someone approved log hours', async () => {
    const applicant = await sessionCookieFor(database.db, V(13))
    const page = await callRoute(hoursPage.loader, getRequest('/volunteer/me/hours', applicant))
    expect(page.data.choices).toEqual([])
    const sara = await stateOf(V(13))
    const result = await callRoute(
      hoursPage.action,
      postForm(
        '/volunteer/me/hours',
        [
          ['submissionId', crypto.randomUUID()],
          ['applicationId', sara.id],
          ['workedOn', new Date().toISOString().slice(0, 10)],
          ['hours', '1'],
          ['minutes', '0'],
        ],
        applicant,
      ),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors.applicationId).toEqual([
      'pages.volunteer.errors.hours.organisationRequired',
    ])
  })

  it('the coordinator approves, corrects or rejects, and the volunteer is told', async () => {
    const page = await callRoute(
      reviewPage.loader,
      getRequest(`/org/${CAFE}/volunteers/hours`, cafeCoordinator),
      { orgId: CAFE },
    )
    const waiting = page.data.waiting as { id: string; logged: string }[]
    expect(waiting.length).toBe(2)
    const mine = await database.db
      .selectFrom('volunteer_hours')
      .select('id')
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow()
    const seeded = waiting.find((w) => w.id !== mine.id)!

    const forbidden = await callRoute(
      reviewPage.action,
      postForm(
        `/org/${CAFE}/volunteers/hours`,
        [
          ['intent', 'approve'],
          ['hoursId', mine.id],
        ],
        footballCoordinator,
      ),
      { orgId: CAFE },
    )
    expect(forbidden.status).toBe(403)

    const corrected = await callRoute(
      reviewPage.action,
      postForm(
        `/org/${CAFE}/volunteers/hours`,
        [
          ['intent', 'correct'],
          ['hoursId', mine.id],
          ['hours', '1'],
          ['minutes', '30'],
        ],
        cafeCoordinator,
      ),
      { orgId: CAFE },
    )
    expect(corrected.location).toBe(`/org/${CAFE}/volunteers/hours?done=reviewed`)
    // A second decision on the same hours changes nothing.
    await callRoute(
      reviewPage.action,
      postForm(
        `/org/${CAFE}/volunteers/hours`,
        [
          ['intent', 'reject'],
          ['hoursId', mine.id],
        ],
        cafeCoordinator,
      ),
      { orgId: CAFE },
    )
    const rejected = await callRoute(
      reviewPage.action,
      postForm(
        `/org/${CAFE}/volunteers/hours`,
        [
          ['intent', 'reject'],
          ['hoursId', seeded.id],
        ],
        cafeCoordinator,
      ),
      { orgId: CAFE },
    )
    expect(rejected.status).toBe(302)
    const rows = await database.db
      .selectFrom('volunteer_hours')
      .select(['id', 'state', 'approved_minutes', 'reviewed_by'])
      .where('id', 'in', [mine.id, seeded.id])
      .execute()
    expect(rows.find((r) => r.id === mine.id)).toMatchObject({
      state: 'approved',
      approved_minutes: 90,
      reviewed_by: P(6),
    })
    expect(rows.find((r) => r.id === seeded.id)).toMatchObject({ state: 'rejected' })
    const mails = await mailsFor('frivillig@example.dk', 'volunteerHoursReviewed')
    expect(mails).toHaveLength(2)
    expect(mails[0]!.text_body).toContain('rettet tid: 1 t 30 min')

    const bad = await callRoute(
      reviewPage.action,
      postForm(
        `/org/${CAFE}/volunteers/hours`,
        [
          ['intent', 'correct'],
          ['hoursId', seeded.id],
          ['hours', ''],
          ['minutes', '75'],
        ],
        cafeCoordinator,
      ),
      { orgId: CAFE },
    )
    expect(bad.status).toBe(400)
  })
})

describe('the volunteer’s own pause, resume and end', () => {
  it('shows what Sofie signed up for, what is coming up, and asks before pausing', async () => {
    const page = await callRoute(
      mePage.loader,
      getRequest(`/volunteer/me?ask=pause&application=${sofieApp}`, sofie),
    )
    expect(page.data.applications).toEqual([
      expect.objectContaining({ id: sofieApp, state: 'active', actions: ['pause', 'end'] }),
    ])
    expect(page.data.ask).toEqual({ action: 'pause', applicationId: sofieApp })
    expect(
      page.data.upcoming.some((u: { title: string }) => u.title === 'Fællesspisning tirsdag'),
    ).toBe(true)
  })

  it('pauses (the coordinator is told) and resumes', async () => {
    const paused = await callRoute(
      mePage.action,
      postForm(
        '/volunteer/me',
        [
          ['intent', 'pause'],
          ['applicationId', sofieApp],
        ],
        sofie,
      ),
    )
    expect(paused.location).toBe('/volunteer/me?done=pause')
    expect((await stateOf(P(11))).state).toBe('paused')
    const note = await mailsFor('koordinator@cafe-broen.example.dk', 'volunteerPaused')
    expect(note.some((m) => m.text_body.includes('Sofie Frivillig'))).toBe(true)
    const resumed = await callRoute(
      mePage.action,
      postForm(
        '/volunteer/me',
        [
          ['intent', 'resume'],
          ['applicationId', sofieApp],
        ],
        sofie,
      ),
    )
    expect(resumed.location).toBe('/volunteer/me?done=resume')
    expect((await stateOf(P(11))).state).toBe('active')
  })

  it('cannot touch someone else’s application, and cannot resume after ending', async () => {
    const anders = await stateOf(V(1))
    const theirs = await callRoute(
      mePage.action,
      postForm(
        '/volunteer/me',
        [
          ['intent', 'pause'],
          ['applicationId', anders.id],
        ],
        sofie,
      ),
    )
    expect(theirs.status).toBe(404)
    expect((await stateOf(V(1))).state).toBe('active')
    await callRoute(
      mePage.action,
      postForm(
        '/volunteer/me',
        [
          ['intent', 'end'],
          ['applicationId', sofieApp],
        ],
        sofie,
      ),
    )
    expect((await stateOf(P(11))).state).toBe('ended')
    const again = await callRoute(
      mePage.action,
      postForm(
        '/volunteer/me',
        [
          ['intent', 'resume'],
          ['applicationId', sofieApp],
        ],
        sofie,
      ),
    )
    expect(again.status).toBe(400)
    expect(again.data.errors['']).toEqual(['pages.volunteer.me.errors.notAllowed'])
  })
})
