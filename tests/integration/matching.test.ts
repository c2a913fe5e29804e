import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { proposeMatch, closeCourse } from '~/modules/matching/courses.server'
import { runMatchingJobs } from '~/modules/matching/jobs.server'
import { getBoard, listOrganisationTasks } from '~/modules/matching/records.server'
import { scoreOf } from '~/modules/matching/scoring'
import { listSuggestions } from '~/modules/matching/suggestions.server'
import * as caseWorkspace from '~/routes/case._index'
import * as board from '~/routes/org.$orgId.courses._index'
import * as coursePage from '~/routes/org.$orgId.courses.$courseId'
import * as matchPage from '~/routes/org.$orgId.matching.$referralId._index'
import * as wishPage from '~/routes/org.$orgId.matching.$referralId.wish'
import * as myBuddy from '~/routes/me.buddy'
import * as buddyPage from '~/routes/volunteer.buddies.$courseId'
import * as buddyList from '~/routes/volunteer.buddies._index'
import * as answerPage from '~/routes/volunteer.buddies.answer.$token'
import { callRoute, formRequest, getRequest, sessionCookieFor } from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'
import {
  createNetwork,
  createVolunteer,
  createWaitingCitizen,
  ctxFor,
  setWish,
  type Network,
} from '../setup/matching-fixtures.ts'

// Buddy matching and the course through the routes and the module: who may be suggested and in
// what order, the double opt-in, the capacity rule under concurrency, meetings, concerns,
// closing with anchoring and follow-up, consent withdrawal, and the hourly job.

const DAY = 86_400_000
// Mon, Tue and Wed afternoons and evenings in the weekly grid (bit day*3 + slot).
const grid = (...bits: [number, number][]) => bits.reduce((m, [d, s]) => m | (1 << (d * 3 + s)), 0)

let database: Database
let net: Network
let coordinatorCookie: string

beforeAll(async () => {
  database = await createTestDatabase()
  net = await createNetwork(database.db)
  coordinatorCookie = await sessionCookieFor(database.db, net.coordinatorId)
})

const latestToken = async (to: string) => {
  const row = await database.db
    .selectFrom('outbox_message')
    .select(['text_body', 'template'])
    .where('to_address', '=', to)
    .where('template', '=', 'matchProposal')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
  const match = /\/volunteer\/buddies\/answer\/([A-Za-z0-9_-]+)/.exec(row.text_body)
  return match![1]!
}

describe('suggestions', () => {
  it('ranks eligible buddies by the weighted score and says why in words', async () => {
    const n = await createNetwork(database.db, 'Café Rangering')
    const strong = await createVolunteer(database.db, n.organisationId, {
      name: 'Amal Stærk',
      interests: ['football', 'cooking', 'walks'],
      languages: ['da', 'ar'],
      areaId: n.areas.c,
      availability: grid([0, 1], [0, 2], [1, 1], [2, 2]),
    })
    const weak = await createVolunteer(database.db, n.organisationId, {
      name: 'Bo Svag',
      interests: ['chess'],
      areaId: n.areas.nord,
    })
    const citizen = await createWaitingCitizen(database.db, n, { name: 'Karim' })
    await setWish(database.db, citizen.referralId, {
      interests: ['football', 'cooking', 'walks', 'music'],
      languages: ['da', 'ar'],
      areaId: n.areas.c,
      availability: grid([0, 1], [0, 2], [1, 1], [2, 2], [4, 0]),
    })
    const ctx = await ctxFor(database.db, n.coordinatorId)
    const found = await listSuggestions(ctx, n.organisationId, citizen.referralId)
    expect(found!.suggestions.map((s) => s.applicationId)).toEqual([
      strong.applicationId,
      weak.applicationId,
    ])
    const top = found!.suggestions[0]!
    // In the order of the shared vocabulary, as the forms list them.
    expect(top).toMatchObject({
      sharedInterests: ['football', 'cooking', 'walks'],
      sameArea: 'Frederiksberg C',
      sharedSlots: 4,
      sharedLanguages: ['da', 'ar'],
    })
    // The SQL score is the documented formula.
    expect(top.score).toBe(scoreOf(top, found!.weights))

    const page = await callRoute(
      matchPage.loader,
      getRequest(
        `/org/${n.organisationId}/matching/${citizen.referralId}`,
        await sessionCookieFor(database.db, n.coordinatorId),
        { 'Accept-Language': 'da' },
      ),
      { orgId: n.organisationId, referralId: citizen.referralId },
    )
    expect(page.status).toBe(200)
    expect(page.data.suggestions[0].reasons).toBe(
      '3 fælles interesser: fodbold, madlavning, gåture · begge i Frederiksberg C · 4 fælles tidspunkter · taler arabisk',
    )
  })

  it('saves the wishes on their own page, shows them in short, and keeps a refused form as sent', async () => {
    const n = await createNetwork(database.db, 'Café Ønsker')
    await createVolunteer(database.db, n.organisationId, {
      name: 'Fie Fodbold',
      gender: 'woman',
      interests: ['football'],
      availability: grid([1, 2]),
    })
    const citizen = await createWaitingCitizen(database.db, n, { name: 'Ønske Olsen' })
    const cookie = await sessionCookieFor(database.db, n.coordinatorId)
    const url = `/org/${n.organisationId}/matching/${citizen.referralId}`
    const params = { orgId: n.organisationId, referralId: citizen.referralId }
    const da = { 'Accept-Language': 'da' }

    const before = await callRoute(matchPage.loader, getRequest(url, cookie, da), params)
    expect(before.data.wish).toBeNull()
    const form = await callRoute(wishPage.loader, getRequest(`${url}/wish`, cookie, da), params)
    expect(form.status).toBe(200)
    expect(form.data.wish.interests).toEqual([])

    const fields: [string, string][] = [
      ['intent', 'wish'],
      ['interests', 'football'],
      ['interests', 'music'],
      ['languages', 'da'],
      ['areaId', n.areas.c],
      ['slot', '5'],
      ['slot', '8'],
      ['prefersGender', 'woman'],
      ['wantsLivedExperience', '1'],
    ]
    const refused = await callRoute(
      wishPage.action,
      formRequest(`${url}/wish`, [...fields, ['slot', '99'], ['note', 'x'.repeat(501)]], cookie),
      params,
    )
    expect(refused.status).toBe(400)
    expect(refused.data.errors.note).toEqual(['pages.matching.errors.noteTooLong'])
    expect(refused.data.kept.lists.interests).toEqual(['football', 'music'])
    expect(refused.data.kept.values.prefersGender).toBe('woman')
    const unchanged = await callRoute(matchPage.loader, getRequest(url, cookie, da), params)
    expect(unchanged.data.wish).toBeNull()

    const saved = await callRoute(
      wishPage.action,
      formRequest(`${url}/wish`, fields, cookie),
      params,
    )
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`${url}?done=wish`)
    const after = await callRoute(
      matchPage.loader,
      getRequest(`${url}?done=wish`, cookie, da),
      params,
    )
    expect(after.data.saved).toBe(true)
    expect(Object.fromEntries(after.data.wish.map((r: any) => [r.label, r.value]))).toMatchObject({
      Interesser: 'fodbold, musik',
      Sprog: 'dansk',
      'Ønsket bydel': 'Frederiksberg C',
      Tidspunkter: 'tirsdag aften, onsdag aften',
      'Buddyens køn': 'En kvinde',
      Erfaring: 'Borgeren ønsker en buddy med egen erfaring',
    })
    expect(after.data.suggestions[0].reasons).toContain('fodbold')

    // Another organisation's coordinator finds nothing here.
    const stranger = await createNetwork(database.db, 'Fremmed forening')
    const strangerCookie = await sessionCookieFor(database.db, stranger.coordinatorId)
    const hidden = await callRoute(
      wishPage.loader,
      getRequest(
        `/org/${stranger.organisationId}/matching/${citizen.referralId}/wish`,
        strangerCookie,
      ),
      { orgId: stranger.organisationId, referralId: citizen.referralId },
    )
    expect(hidden.status).toBe(404)
  })

  it('never offers the ineligible, the full, another organisation’s, or those a preference rules out', async () => {
    const n = await createNetwork(database.db, 'Café Regler')
    const other = await createNetwork(database.db, 'Anden forening')
    const ok = await createVolunteer(database.db, n.organisationId, {
      name: 'Okay Olsen',
      gender: 'woman',
    })
    const hidden = [
      await createVolunteer(database.db, n.organisationId, {
        name: 'Udløbet',
        requirements: 'expired',
      }),
      await createVolunteer(database.db, n.organisationId, {
        name: 'Mangler',
        requirements: 'missing',
      }),
      await createVolunteer(database.db, n.organisationId, {
        name: 'Screening',
        state: 'screening',
      }),
      await createVolunteer(database.db, n.organisationId, { name: 'Pause', state: 'paused' }),
      await createVolunteer(database.db, n.organisationId, { name: 'Hjælper', roles: ['helper'] }),
      await createVolunteer(database.db, other.organisationId, { name: 'Andet Sted' }),
      // The citizen wants a woman.
      await createVolunteer(database.db, n.organisationId, { name: 'Mand', gender: 'man' }),
      // The volunteer wants to support someone aged 60+; the citizen is 40.
      await createVolunteer(database.db, n.organisationId, {
        name: 'Ældre',
        gender: 'woman',
        prefersAgeMin: 60,
      }),
      // The volunteer prefers to support men; the citizen is a woman.
      await createVolunteer(database.db, n.organisationId, {
        name: 'Mænd',
        gender: 'woman',
        prefersGender: 'man',
      }),
    ]
    const year = new Date().getUTCFullYear()
    const citizen = await createWaitingCitizen(database.db, n, {
      name: 'Lise',
      birthYear: year - 40,
    })
    await setWish(database.db, citizen.referralId, { prefersGender: 'woman', gender: 'woman' })
    // One buddy already at capacity.
    const full = await createVolunteer(database.db, n.organisationId, {
      name: 'Fuld',
      gender: 'woman',
      capacity: 1,
    })
    const busy = await createWaitingCitizen(database.db, n, { name: 'Optaget' })
    const ctx = await ctxFor(database.db, n.coordinatorId)
    expect(
      (await proposeMatch(ctx, n.organisationId, busy.referralId, full.applicationId)).ok,
    ).toBe(true)

    const found = await listSuggestions(ctx, n.organisationId, citizen.referralId)
    const ids = found!.suggestions.map((s) => s.applicationId)
    expect(ids).toEqual([ok.applicationId])
    for (const h of [...hidden, full]) expect(ids).not.toContain(h.applicationId)
    // And proposing one of them anyway is refused by the same rules.
    const refused = await proposeMatch(
      ctx,
      n.organisationId,
      citizen.referralId,
      hidden[0]!.applicationId,
    )
    expect(refused).toEqual({ ok: false, reason: 'notCandidate' })
  })

  it('adding a shared interest never lowers a volunteer’s score (random cases)', async () => {
    const n = await createNetwork(database.db, 'Café Egenskab')
    const codes = ['football', 'cooking', 'walks', 'music', 'art', 'games', 'nature', 'chess']
    const citizen = await createWaitingCitizen(database.db, n, { name: 'Egon' })
    const v = await createVolunteer(database.db, n.organisationId, { name: 'Vera' })
    const ctx = await ctxFor(database.db, n.coordinatorId)
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const pick = () => codes.filter(() => random() < 0.4)
    for (let i = 0; i < 8; i++) {
      const wish = pick()
      const has = pick()
      await setWish(database.db, citizen.referralId, {
        interests: wish,
        availability: Math.floor(random() * 2097152),
      })
      const set = async (interests: string[]) => {
        await database.db
          .updateTable('volunteer_profile')
          .set({ interests, availability: 5 })
          .where('person_id', '=', v.personId)
          .execute()
        const s = await listSuggestions(ctx, n.organisationId, citizen.referralId)
        return s!.suggestions.find((x) => x.applicationId === v.applicationId)!.score
      }
      const before = await set(has)
      const extra = wish.find((c) => !has.includes(c))
      if (!extra) continue
      const after = await set([...has, extra])
      expect(after).toBeGreaterThanOrEqual(before)
    }
  })

  it('is refused to people outside the organisation and hidden once the consent is withdrawn', async () => {
    const n = await createNetwork(database.db, 'Café Adgang')
    const citizen = await createWaitingCitizen(database.db, n, { name: 'Søren' })
    const path = `/org/${n.organisationId}/matching/${citizen.referralId}`
    const stranger = await sessionCookieFor(database.db, net.coordinatorId)
    const refused = await callRoute(matchPage.loader, getRequest(path, stranger), {
      orgId: n.organisationId,
      referralId: citizen.referralId,
    })
    expect(refused.status).toBe(403)
    await database.db
      .updateTable('consent')
      .set({ withdrawn_at: new Date(), withdrawn_by: n.caseworkerId, withdrawal_channel: 'oral' })
      .where('id', '=', citizen.consentId)
      .execute()
    const gone = await callRoute(
      matchPage.loader,
      getRequest(path, await sessionCookieFor(database.db, n.coordinatorId)),
      { orgId: n.organisationId, referralId: citizen.referralId },
    )
    expect(gone.status).toBe(404)
  })
})

describe('the double opt-in', () => {
  it('starts the course only when the volunteer (by e-mail link) and the citizen (on their page) both said yes', async () => {
    const v = await createVolunteer(database.db, net.organisationId, {
      name: 'Sara Buddy',
      interests: ['walks'],
    })
    const citizen = await createWaitingCitizen(database.db, net, { name: 'Mona', withLogin: true })
    const orgId = net.organisationId
    const propose = await callRoute(
      matchPage.action,
      formRequest(
        `/org/${orgId}/matching/${citizen.referralId}`,
        { intent: 'propose', applicationId: v.applicationId },
        coordinatorCookie,
      ),
      { orgId, referralId: citizen.referralId },
    )
    expect(propose.status).toBe(302)
    const courseId = /courses\/([0-9a-f-]+)/.exec(propose.location!)![1]!

    // A second proposal for the same citizen is refused while the first is open.
    const again = await callRoute(
      matchPage.action,
      formRequest(
        `/org/${orgId}/matching/${citizen.referralId}`,
        { intent: 'propose', applicationId: v.applicationId },
        coordinatorCookie,
      ),
      { orgId, referralId: citizen.referralId },
    )
    expect(again.status).toBe(400)

    const token = await latestToken(v.email!)
    const answerUrl = `/volunteer/buddies/answer/${token}`
    const shown = await callRoute(answerPage.loader, getRequest(answerUrl), { token })
    expect(shown.data.proposal).toEqual({ organisation: 'Café Test' })
    // A "no" needs a reason from the volunteer.
    const noReason = await callRoute(answerPage.action, formRequest(answerUrl, { answer: 'no' }), {
      token,
    })
    expect(noReason.status).toBe(400)
    expect(noReason.data.errors.reason).toEqual(['pages.matching.errors.reasonRequired'])
    const yes = await callRoute(answerPage.action, formRequest(answerUrl, { answer: 'yes' }), {
      token,
    })
    expect(yes.status).toBe(302)
    // The link is used up.
    const reused = await callRoute(
      answerPage.action,
      formRequest(answerUrl, { answer: 'no', reason: 'other' }),
      { token },
    )
    expect(reused.status).toBe(400)
    let course = await database.db
      .selectFrom('course')
      .selectAll()
      .where('id', '=', courseId)
      .executeTakeFirstOrThrow()
    expect(course).toMatchObject({
      state: 'proposed',
      volunteer_answer: 'yes',
      citizen_answer: 'pending',
    })

    const citizenCookie = await sessionCookieFor(database.db, citizen.personId!)
    const mine = await callRoute(myBuddy.loader, getRequest('/me/buddy', citizenCookie))
    expect(mine.data.course).toMatchObject({ answering: true, buddy: 'Sara' })
    const accept = await callRoute(
      myBuddy.action,
      formRequest('/me/buddy', { intent: 'answer', courseId, answer: 'yes' }, citizenCookie),
    )
    expect(accept.location).toBe('/me/buddy?done=yes')
    course = await database.db
      .selectFrom('course')
      .selectAll()
      .where('id', '=', courseId)
      .executeTakeFirstOrThrow()
    expect(course.state).toBe('active')
    expect(course.started_at).not.toBeNull()
    expect(course.planned_end).not.toBeNull()
    const referral = await database.db
      .selectFrom('referral')
      .select('state')
      .where('id', '=', citizen.referralId)
      .executeTakeFirstOrThrow()
    expect(referral.state).toBe('in_progress')
    const events = await database.db
      .selectFrom('event')
      .select('type')
      .where('entity_id', '=', courseId)
      .orderBy('occurred_at')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['proposed', 'volunteerYes', 'citizenYes'])
    const started = await database.db
      .selectFrom('outbox_message')
      .select('id')
      .where('dedupe_key', '=', `course:${courseId}:started`)
      .execute()
    expect(started).toHaveLength(1)
  })

  it('ends in declined on any no, and the declining volunteer is not suggested again', async () => {
    const v = await createVolunteer(database.db, net.organisationId, { name: 'Nej Nielsen' })
    const citizen = await createWaitingCitizen(database.db, net, { name: 'Per' })
    const ctx = await ctxFor(database.db, net.coordinatorId)
    const proposed = await proposeMatch(
      ctx,
      net.organisationId,
      citizen.referralId,
      v.applicationId,
    )
    if (!proposed.ok) throw new Error('not proposed')
    const cookie = await sessionCookieFor(database.db, v.personId)
    const no = await callRoute(
      buddyPage.action,
      formRequest(
        `/volunteer/buddies/${proposed.courseId}`,
        { intent: 'answer', answer: 'no', reason: 'no_time' },
        cookie,
      ),
      { courseId: proposed.courseId },
    )
    expect(no.location).toBe('/volunteer/buddies?done=no')
    const course = await database.db
      .selectFrom('course')
      .selectAll()
      .where('id', '=', proposed.courseId)
      .executeTakeFirstOrThrow()
    expect(course).toMatchObject({ state: 'declined', volunteer_decline_reason: 'no_time' })
    const list = await listSuggestions(ctx, net.organisationId, citizen.referralId)
    expect(list!.suggestions.map((s) => s.applicationId)).not.toContain(v.applicationId)
    // The citizen is waiting again on the board.
    const b = await getBoard(ctx, net.organisationId)
    expect(b.waiting.map((w) => w.id)).toContain(citizen.referralId)
  })

  it('lets the coordinator record the citizen’s answer in assisted mode', async () => {
    const v = await createVolunteer(database.db, net.organisationId, { name: 'Assi Stent' })
    const citizen = await createWaitingCitizen(database.db, net, { name: 'Hanne' })
    const ctx = await ctxFor(database.db, net.coordinatorId)
    const proposed = await proposeMatch(
      ctx,
      net.organisationId,
      citizen.referralId,
      v.applicationId,
    )
    if (!proposed.ok) throw new Error('not proposed')
    const path = `/org/${net.organisationId}/courses/${proposed.courseId}`
    const params = { orgId: net.organisationId, courseId: proposed.courseId }
    const missing = await callRoute(
      coursePage.action,
      formRequest(path, { intent: 'answer' }, coordinatorCookie),
      params,
    )
    expect(missing.status).toBe(400)
    const no = await callRoute(
      coursePage.action,
      formRequest(path, { intent: 'answer', answer: 'no' }, coordinatorCookie),
      params,
    )
    expect(no.status).toBe(302)
    const course = await database.db
      .selectFrom('course')
      .selectAll()
      .where('id', '=', proposed.courseId)
      .executeTakeFirstOrThrow()
    expect(course).toMatchObject({
      state: 'declined',
      citizen_answer: 'no',
      citizen_assisted_by: net.coordinatorId,
    })
  })
})

describe('capacity', () => {
  it('two simultaneous proposals cannot push a volunteer over capacity', async () => {
    const v = await createVolunteer(database.db, net.organisationId, {
      name: 'Kun Én',
      capacity: 1,
    })
    const a = await createWaitingCitizen(database.db, net, { name: 'Anna' })
    const b = await createWaitingCitizen(database.db, net, { name: 'Bent' })
    const c1 = await ctxFor(database.db, net.coordinatorId)
    const c2 = await ctxFor(database.db, net.coordinatorId)
    // Two transactions at once (on PostgreSQL they truly overlap; the profile lock queues them).
    const results = await Promise.all([
      proposeMatch(c1, net.organisationId, a.referralId, v.applicationId),
      proposeMatch(c2, net.organisationId, b.referralId, v.applicationId),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'full' })
    const open = await database.db
      .selectFrom('course')
      .select('id')
      .where('volunteer_person_id', '=', v.personId)
      .where('state', 'in', ['proposed', 'active', 'paused', 'closing'])
      .execute()
    expect(open).toHaveLength(1)
  })
})

async function runningCourse(name: string, options: { followUp?: boolean; now?: Date } = {}) {
  const now = options.now ?? new Date()
  const v = await createVolunteer(database.db, net.organisationId, { name: `${name} Buddy` })
  const citizen = await createWaitingCitizen(database.db, net, {
    name,
    withLogin: true,
    followUpConsent: options.followUp,
  })
  const ctx = await ctxFor(database.db, net.coordinatorId, now)
  const proposed = await proposeMatch(ctx, net.organisationId, citizen.referralId, v.applicationId)
  if (!proposed.ok) throw new Error(`not proposed: ${proposed.reason}`)
  const { answerAsVolunteer, answerAsCitizen } = await import('~/modules/matching/courses.server')
  await answerAsVolunteer(await ctxFor(database.db, v.personId, now), proposed.courseId, {
    yes: true,
    reason: null,
  })
  await answerAsCitizen(await ctxFor(database.db, citizen.personId!, now), proposed.courseId, true)
  return { courseId: proposed.courseId, volunteer: v, citizen }
}

describe('the course', () => {
  it('lets the buddy log meetings (once per submit, never in the future) that the citizen sees', async () => {
    const { courseId, volunteer, citizen } = await runningCourse('Jonna')
    const cookie = await sessionCookieFor(database.db, volunteer.personId)
    const path = `/volunteer/buddies/${courseId}`
    const today = new Date().toISOString().slice(0, 10)
    const entryId = crypto.randomUUID()
    const meeting = {
      intent: 'meeting',
      entryId,
      metOn: today,
      type: 'joint_activity',
      minutes: '90',
      note: 'Gåtur i haven',
    }
    const bad = await callRoute(
      buddyPage.action,
      formRequest(path, { ...meeting, type: '', minutes: 'x' }, cookie),
      { courseId },
    )
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.errors).sort()).toEqual(['minutes', 'type'])
    expect(bad.data.values.note).toBe('Gåtur i haven')
    const future = await callRoute(
      buddyPage.action,
      formRequest(path, { ...meeting, metOn: '2099-01-01' }, cookie),
      { courseId },
    )
    expect(future.data.errors.metOn).toEqual(['pages.courses.errors.metOnFuture'])
    for (let i = 0; i < 2; i++) {
      const ok = await callRoute(buddyPage.action, formRequest(path, meeting, cookie), { courseId })
      expect(ok.location).toBe(`${path}?done=meeting`)
    }
    const seen = await callRoute(
      myBuddy.loader,
      getRequest('/me/buddy', await sessionCookieFor(database.db, citizen.personId!)),
    )
    expect(seen.data.meetings).toHaveLength(1)
    expect(seen.data.meetings[0]).toMatchObject({ type: 'joint_activity', minutes: 90 })
    // Someone else's buddy does not get in.
    const other = await createVolunteer(database.db, net.organisationId, { name: 'Fremmed' })
    const refused = await callRoute(
      buddyPage.loader,
      getRequest(path, await sessionCookieFor(database.db, other.personId)),
      { courseId },
    )
    expect(refused.status).toBe(404)
  })

  it('sends a concern to the referring caseworker as a task with an e-mail', async () => {
    const { courseId, volunteer } = await runningCourse('Ole')
    const cookie = await sessionCookieFor(database.db, volunteer.personId)
    const page = await callRoute(
      buddyPage.loader,
      getRequest(`/volunteer/buddies/${courseId}`, cookie),
      { courseId },
    )
    expect(page.data.course.emergencyPhone).toBe('+45 11 22 33 44')
    const empty = await callRoute(
      buddyPage.action,
      formRequest(`/volunteer/buddies/${courseId}`, { intent: 'concern', text: ' ' }, cookie),
      { courseId },
    )
    expect(empty.status).toBe(400)
    const sent = await callRoute(
      buddyPage.action,
      formRequest(
        `/volunteer/buddies/${courseId}`,
        { intent: 'concern', text: 'Han virker meget alene for tiden.' },
        cookie,
      ),
      { courseId },
    )
    expect(sent.status).toBe(302)
    const task = await database.db
      .selectFrom('task')
      .selectAll()
      .where('course_id', '=', courseId)
      .where('kind', '=', 'concern')
      .executeTakeFirstOrThrow()
    expect(task.assignee_person_id).toBe(net.caseworkerId)
    const mail = await database.db
      .selectFrom('outbox_message')
      .select(['template', 'text_body'])
      .where('template', '=', 'courseConcern')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    expect(mail.text_body).toContain('Han virker meget alene for tiden.')

    // The caseworker sees it on the case workspace, and says when it is taken care of.
    const caseworkerCookie = await sessionCookieFor(database.db, net.caseworkerId)
    const workspace = await callRoute(
      caseWorkspace.loader,
      getRequest('/case', caseworkerCookie, { 'Accept-Language': 'da' }),
    )
    expect(workspace.status).toBe(200)
    const concern = workspace.data.concerns.find((c: { id: string }) => c.id === task.id)
    expect(concern).toMatchObject({ citizenName: 'Ole', text: 'Han virker meget alene for tiden.' })
    const other = await createNetwork(database.db, 'Andet sted')
    const stranger = await callRoute(
      caseWorkspace.action,
      formRequest(
        '/case',
        { intent: 'handleConcern', taskId: task.id },
        await sessionCookieFor(database.db, other.caseworkerId),
      ),
    )
    expect(stranger.status).toBe(404)
    for (let click = 0; click < 2; click++) {
      const handled = await callRoute(
        caseWorkspace.action,
        formRequest('/case', { intent: 'handleConcern', taskId: task.id }, caseworkerCookie),
      )
      expect(handled.status).toBe(302)
      expect(handled.headers.get('Location')).toBe('/case?done=concern')
    }
    const done = await database.db
      .selectFrom('task')
      .innerJoin('course_concern as cc', 'cc.id', 'task.concern_id')
      .select(['task.done_by', 'cc.handled_by'])
      .where('task.id', '=', task.id)
      .executeTakeFirstOrThrow()
    expect(done).toEqual({ done_by: net.caseworkerId, handled_by: net.caseworkerId })
    const after = await callRoute(caseWorkspace.loader, getRequest('/case', caseworkerCookie))
    expect(after.data.concerns.map((c: { id: string }) => c.id)).not.toContain(task.id)
  })

  it('takes self-assessments at the start on the citizen’s own page', async () => {
    const { courseId, citizen } = await runningCourse('Rita')
    const cookie = await sessionCookieFor(database.db, citizen.personId!)
    const page = await callRoute(myBuddy.loader, getRequest('/me/buddy', cookie))
    expect(page.data.assessmentDue).toBe('start')
    const missing = await callRoute(
      myBuddy.action,
      formRequest(
        '/me/buddy',
        { intent: 'assessment', courseId, stage: 'start', ownGoals: '3' },
        cookie,
      ),
    )
    expect(missing.status).toBe(400)
    const early = await callRoute(
      myBuddy.action,
      formRequest(
        '/me/buddy',
        { intent: 'assessment', courseId, stage: 'end', ownGoals: '3', peopleAround: '2' },
        cookie,
      ),
    )
    expect(early.data.errors.stage).toEqual(['pages.courses.errors.stageNotDue'])
    const ok = await callRoute(
      myBuddy.action,
      formRequest(
        '/me/buddy',
        { intent: 'assessment', courseId, stage: 'start', ownGoals: '2', peopleAround: '4' },
        cookie,
      ),
    )
    expect(ok.location).toBe('/me/buddy?done=assessment')
    const rows = await database.db
      .selectFrom('course_assessment')
      .selectAll()
      .where('course_id', '=', courseId)
      .execute()
    expect(rows).toMatchObject([
      { stage: 'start', own_goals: 2, people_around: 4, assisted_by: null },
    ])
  })

  it('closes with anchoring; with consent a follow-up call falls due 4 weeks later', async () => {
    const now = new Date()
    const { courseId } = await runningCourse('Finn', { followUp: true, now })
    const activity = await database.db
      .insertInto('activity')
      .values({
        organisation_id: net.organisationId,
        title: 'Fællesspisning tirsdag',
        category: 'meal',
        dtstart: '2026-01-06',
        start_time: '17:00',
        end_time: '19:00',
        status: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const path = `/org/${net.organisationId}/courses/${courseId}`
    const params = { orgId: net.organisationId, courseId }
    const incomplete = await callRoute(
      coursePage.action,
      formRequest(
        path,
        { intent: 'close', reason: 'goal_reached', anchoring: 'activity' },
        coordinatorCookie,
      ),
      params,
    )
    expect(incomplete.status).toBe(400)
    expect(incomplete.data.errors.activityId).toEqual(['pages.courses.errors.activityRequired'])
    const closed = await callRoute(
      coursePage.action,
      formRequest(
        path,
        { intent: 'close', reason: 'goal_reached', anchoring: 'activity', activityId: activity.id },
        coordinatorCookie,
      ),
      params,
    )
    expect(closed.location).toBe(`${path}?done=closed`)
    const course = await database.db
      .selectFrom('course')
      .selectAll()
      .where('id', '=', courseId)
      .executeTakeFirstOrThrow()
    expect(course).toMatchObject({
      state: 'closed',
      close_reason: 'goal_reached',
      anchoring_activity_id: activity.id,
      follow_up: true,
    })

    const ctx = await ctxFor(database.db, net.coordinatorId, now)
    const call = (await listOrganisationTasks(ctx, net.organisationId)).find(
      (t) => t.courseId === courseId && t.kind === 'follow_up_call',
    )!
    expect(call.due).toBe(false)
    // Closed through the route, at the request's own time (a moment after `now`).
    expect(Math.abs(call.dueAt.getTime() - now.getTime() - 28 * DAY)).toBeLessThan(60_000)
    // Four weeks later the hourly job has run and the call shows as due.
    const later = new Date(now.getTime() + 28 * DAY + 3_600_000)
    await runMatchingJobs(database.db, later)
    const due = (
      await listOrganisationTasks(
        await ctxFor(database.db, net.coordinatorId, later),
        net.organisationId,
      )
    ).filter((t) => t.courseId === courseId)
    expect(due.find((t) => t.kind === 'follow_up_call')!.due).toBe(true)

    // A closed course can be re-opened as a new period with the same buddy.
    const reopened = await callRoute(
      coursePage.action,
      formRequest(path, { intent: 'reopen' }, coordinatorCookie),
      params,
    )
    expect(reopened.status).toBe(302)
    const fresh = /courses\/([0-9a-f-]+)\?/.exec(reopened.location!)![1]!
    expect(fresh).not.toBe(courseId)
    const row = await database.db
      .selectFrom('course')
      .select(['state', 'reopened_from_course_id'])
      .where('id', '=', fresh)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'active', reopened_from_course_id: courseId })
  })

  it('closing without anchoring needs a reason for “none yet”, and no consent means no follow-up', async () => {
    const { courseId } = await runningCourse('Gitte')
    const ctx = await ctxFor(database.db, net.coordinatorId)
    const path = `/org/${net.organisationId}/courses/${courseId}`
    const params = { orgId: net.organisationId, courseId }
    const bad = await callRoute(
      coursePage.action,
      formRequest(path, { intent: 'close', reason: 'moved', anchoring: 'none' }, coordinatorCookie),
      params,
    )
    expect(bad.data.errors.noneReason).toEqual(['pages.courses.errors.noneReasonRequired'])
    const ok = await closeCourse(ctx, net.organisationId, courseId, {
      intent: 'close',
      reason: 'moved',
      note: null,
      anchoring: 'none',
      activityId: null,
      noneReason: 'Flytter til Aarhus',
    })
    expect(ok.ok).toBe(true)
    const tasks = await database.db
      .selectFrom('task')
      .select('kind')
      .where('course_id', '=', courseId)
      .where('kind', 'in', ['follow_up_call', 'follow_up_invite'])
      .execute()
    expect(tasks).toEqual([])
    // Refused transitions answer 400, not 500.
    const pause = await callRoute(
      coursePage.action,
      formRequest(path, { intent: 'pause' }, coordinatorCookie),
      params,
    )
    expect(pause.status).toBe(400)
  })

  it('creates the coordinator’s check-in task each interval and marks it overdue on the board', async () => {
    const start = new Date(Date.now() - 40 * DAY)
    const { courseId } = await runningCourse('Carl', { now: start })
    const now = new Date()
    const made = await runMatchingJobs(database.db, now)
    expect(made.courseTasks).toBeGreaterThan(0)
    expect((await runMatchingJobs(database.db, now)).courseTasks).toBe(0)
    const checkins = await database.db
      .selectFrom('task')
      .select(['kind', 'due_at', 'dedupe_key'])
      .where('course_id', '=', courseId)
      .where('kind', '=', 'checkin')
      .execute()
    expect(checkins.map((c) => c.dedupe_key)).toEqual([`checkin:${courseId}:1`])
    const page = await callRoute(
      board.loader,
      getRequest(`/org/${net.organisationId}/courses`, coordinatorCookie),
      { orgId: net.organisationId },
    )
    const active = page.data.groups.find((g: { state: string }) => g.state === 'active')
    expect(active.courses.find((c: { id: string }) => c.id === courseId).overdue).toBe(true)
  })

  it('disappears for the buddy and the organisation when the consent is withdrawn, and the job closes it', async () => {
    const { courseId, volunteer, citizen } = await runningCourse('Wenche')
    await database.db
      .updateTable('consent')
      .set({ withdrawn_at: new Date(), withdrawn_by: net.caseworkerId, withdrawal_channel: 'oral' })
      .where('id', '=', citizen.consentId)
      .execute()
    const buddy = await callRoute(
      buddyPage.loader,
      getRequest(
        `/volunteer/buddies/${courseId}`,
        await sessionCookieFor(database.db, volunteer.personId),
      ),
      { courseId },
    )
    expect(buddy.status).toBe(404)
    const list = await callRoute(
      buddyList.loader,
      getRequest('/volunteer/buddies', await sessionCookieFor(database.db, volunteer.personId)),
    )
    expect(list.data.courses).toEqual([])
    const org = await callRoute(
      coursePage.loader,
      getRequest(`/org/${net.organisationId}/courses/${courseId}`, coordinatorCookie),
      { orgId: net.organisationId, courseId },
    )
    expect(org.status).toBe(404)
    await runMatchingJobs(database.db, new Date())
    const row = await database.db
      .selectFrom('course')
      .select(['state', 'close_reason'])
      .where('id', '=', courseId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'closed', close_reason: 'consent_withdrawn' })
  })
})
