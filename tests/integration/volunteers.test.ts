import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '~/db.server'
import { addDays, zonedTimeToUtc } from '~/modules/activities/schedule'
import { seedDemoAccounts } from '~/modules/identity/demo-accounts.server'
import { applyTransition } from '~/modules/volunteers/applications.server'
import { listCapacity } from '~/modules/volunteers/coordinator.server'
import { volunteerIsEligible } from '~/modules/volunteers/eligibility.server'
import * as confirmPage from '~/routes/volunteer.confirm.$token'
import * as signupPage from '~/routes/volunteer._index'
import * as mePage from '~/routes/volunteer.me._index'
import * as listPage from '~/routes/org.$orgId.volunteers._index'
import * as detailPage from '~/routes/org.$orgId.volunteers.$applicationId'
import * as settingsPage from '~/routes/org.$orgId.volunteers.settings'
import * as capacityPage from '~/routes/org.$orgId.volunteers.capacity'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { DEMO_VOLUNTEERS, seedDemoVolunteers } from '../../db/seed/demo-volunteers.ts'
import {
  callRoute,
  createPerson,
  getRequest,
  ORIGIN,
  sessionCookieFor,
  setCookies,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// Volunteers: the public sign-up and its e-mail confirmation, the coordinator's screening steps
// and who may take them, bulk reminders and capacity — through the routes people use.

const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const CAFE = DEMO.org.cafe
const FOOTBALL = DEMO.org.streetFootball

let database: Database
let cafeCoordinator: string
let cafeStaff: string
let footballCoordinator: string

/** A form POST with repeated fields (checkboxes), as a browser sends it. */
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

const signupFields = (
  over: Partial<Record<string, string | string[]>> = {},
): [string, string][] => {
  const fields: Record<string, string | string[]> = {
    organisationIds: [CAFE],
    roles: ['buddy'],
    interests: ['walks', 'cooking'],
    interestWords: 'strikning, cykling',
    languages: ['da', 'en'],
    areaId: '',
    availability: ['0', '7', '20'],
    capacity: '2',
    motivation: 'Jeg har tid om tirsdagen.',
    name: 'Nina Ny',
    email: 'nina.ny@example.dk',
    phone: '',
    consent: 'yes',
    ...over,
  }
  return Object.entries(fields).flatMap(([k, v]) =>
    ([] as string[]).concat(v ?? []).map((x) => [k, x] as [string, string]),
  )
}

async function outboxFor(to: string, template?: string) {
  return database.db
    .selectFrom('outbox_message')
    .select(['template', 'subject', 'text_body', 'dedupe_key'])
    .where('to_address', '=', to)
    .$if(template !== undefined, (q) => q.where('template', '=', template!))
    .orderBy('created_at')
    .execute()
}

async function applicationOf(email: string, organisationId = CAFE) {
  return database.db
    .selectFrom('volunteer_application as va')
    .innerJoin('person as p', 'p.id', 'va.person_id')
    .select(['va.id', 'va.state', 'va.confirmed_at', 'va.roles', 'p.id as person_id'])
    .where('p.email', '=', email)
    .where('va.organisation_id', '=', organisationId)
    .executeTakeFirst()
}

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  await seedDemo(db)
  await seedDemoAccounts(db)
  await seedDemoVolunteers(db)
  cafeCoordinator = await sessionCookieFor(db, P(6))
  cafeStaff = await sessionCookieFor(db, P(7))
  footballCoordinator = await sessionCookieFor(db, P(8))
}, 60_000)

describe('the public sign-up', () => {
  it('shows the organisations that take volunteers, with their roles, to anyone', async () => {
    const page = await callRoute(signupPage.loader, getRequest('/volunteer'))
    expect(page.status).toBe(200)
    const cafe = page.data.organisations.find((o: { id: string }) => o.id === CAFE)
    expect(cafe.roles).toEqual(['buddy', 'helper', 'trip_companion'])
    // The bakery (an employer) takes no volunteers.
    expect(page.data.organisations.map((o: { id: string }) => o.id)).not.toContain(DEMO.org.bakery)
    expect(page.data.areas.map((m: { name: string }) => m.name)).toEqual([
      'Frederiksberg Kommune',
      'Rødovre Kommune',
    ])
  })

  it('answers bad input with 400, the reasons, and what was typed (ticked boxes too)', async () => {
    const result = await callRoute(
      signupPage.action,
      postForm('/volunteer', signupFields({ roles: [], consent: '', email: 'not-an-address' })),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors.roles).toEqual(['pages.volunteer.errors.roleRequired'])
    expect(result.data.errors.consent).toEqual(['pages.volunteer.errors.consentRequired'])
    expect(result.data.errors.email).toEqual(['pages.volunteer.errors.emailInvalid'])
    expect(result.data.kept.values.name).toBe('Nina Ny')
    expect(result.data.kept.lists.organisationIds).toEqual([CAFE])
    expect(result.data.kept.lists.availability).toEqual(['0', '7', '20'])
    expect(await applicationOf('not-an-address')).toBeUndefined()
  })

  it('refuses a role the organisation does not take and an unknown organisation', async () => {
    const role = await callRoute(
      signupPage.action,
      postForm('/volunteer', signupFields({ roles: ['trainer'] })),
    )
    expect(role.status).toBe(400)
    expect(role.data.errors.roles).toEqual(['pages.volunteer.errors.roleNotTaken'])
    const org = await callRoute(
      signupPage.action,
      postForm('/volunteer', signupFields({ organisationIds: [DEMO.org.bakery] })),
    )
    expect(org.status).toBe(400)
    expect(org.data.errors.organisationIds).toEqual(['pages.volunteer.errors.organisationUnknown'])
  })

  it('makes a new person with an unconfirmed application and e-mails a confirmation link', async () => {
    const result = await callRoute(signupPage.action, postForm('/volunteer', signupFields()))
    expect(result.status).toBe(302)
    expect(result.location).toBe('/volunteer?sent=1')
    const app = await applicationOf('nina.ny@example.dk')
    expect(app).toMatchObject({ state: 'applied', confirmed_at: null, roles: ['buddy'] })
    const profile = await database.db
      .selectFrom('volunteer_profile')
      .select(['availability', 'languages', 'interest_words', 'consent_version', 'capacity'])
      .where('person_id', '=', app!.person_id)
      .executeTakeFirstOrThrow()
    expect(profile).toEqual({
      availability: 1 + (1 << 7) + (1 << 20),
      languages: ['da', 'en'],
      interest_words: ['strikning', 'cykling'],
      consent_version: 'volunteer-2026-11',
      capacity: 2,
    })
    const mails = await outboxFor('nina.ny@example.dk')
    expect(mails.map((m) => m.template)).toEqual(['volunteerConfirm'])
    expect(mails[0]!.text_body).toContain('/volunteer/confirm/')
    // The coordinators hear nothing until the address is confirmed.
    expect(await outboxFor('koordinator@cafe-broen.example.dk', 'volunteerNewApplicant')).toEqual(
      [],
    )
  })

  it('does not make a second application when the form is sent twice', async () => {
    const again = await callRoute(signupPage.action, postForm('/volunteer', signupFields()))
    expect(again.location).toBe('/volunteer?sent=1')
    const rows = await database.db
      .selectFrom('volunteer_application as va')
      .innerJoin('person as p', 'p.id', 'va.person_id')
      .select('va.id')
      .where('p.email', '=', 'nina.ny@example.dk')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('gives the same answer for an address that has an account, and its e-mail says to sign in', async () => {
    const before = await database.db
      .selectFrom('volunteer_profile')
      .select(['interests', 'motivation'])
      .where('person_id', '=', P(11))
      .executeTakeFirstOrThrow()
    const result = await callRoute(
      signupPage.action,
      postForm(
        '/volunteer',
        signupFields({
          email: 'frivillig@example.dk',
          organisationIds: [FOOTBALL],
          roles: ['helper'],
          motivation: 'Overskrevet?',
        }),
      ),
    )
    expect(result.status).toBe(302)
    expect(result.location).toBe('/volunteer?sent=1')
    const mail = (await outboxFor('frivillig@example.dk', 'volunteerConfirm')).at(-1)!
    expect(mail.text_body).toContain('Du har allerede en profil')
    const after = await database.db
      .selectFrom('volunteer_profile')
      .select(['interests', 'motivation'])
      .where('person_id', '=', P(11))
      .executeTakeFirstOrThrow()
    expect(after).toEqual(before)
  })

  it('confirms the address with the link: the application is confirmed, the person signed in, the coordinators told', async () => {
    const mail = (await outboxFor('nina.ny@example.dk', 'volunteerConfirm'))[0]!
    const token = /\/volunteer\/confirm\/([\w-]+)/.exec(mail.text_body)![1]!
    const shown = await callRoute(confirmPage.loader, getRequest(`/volunteer/confirm/${token}`), {
      token,
    })
    expect(shown.status).toBe(200)
    const confirmed = await callRoute(
      confirmPage.action,
      postForm(`/volunteer/confirm/${token}`, []),
      { token },
    )
    expect(confirmed.status).toBe(302)
    expect(confirmed.location).toBe('/volunteer/me?done=confirmed')
    expect(setCookies(confirmed).join(';')).toContain('bb_session=')
    const app = await applicationOf('nina.ny@example.dk')
    expect(app!.confirmed_at).not.toBeNull()
    expect(
      (await outboxFor('nina.ny@example.dk', 'volunteerReceived')).map((m) => m.template),
    ).toEqual(['volunteerReceived'])
    const note = await outboxFor('koordinator@cafe-broen.example.dk', 'volunteerNewApplicant')
    expect(note).toHaveLength(1)
    expect(note[0]!.text_body).toContain('Nina Ny')
    // Used once: the link is gone.
    const again = await callRoute(confirmPage.loader, getRequest(`/volunteer/confirm/${token}`), {
      token,
    })
    expect(again.status).toBe(410)
  })

  it('attaches a signed-in person’s application to their account at once', async () => {
    const person = await createPerson(database.db, {
      name: 'Ulla Udfyldt',
      email: 'ulla@example.dk',
    })
    const cookie = await sessionCookieFor(database.db, person.id)
    const result = await callRoute(
      signupPage.action,
      postForm(
        '/volunteer',
        signupFields({ name: '', email: '', roles: ['buddy', 'helper'], capacity: '3' }),
        cookie,
      ),
    )
    expect(result.status).toBe(302)
    expect(result.location).toBe('/volunteer/me?done=applied')
    const app = await applicationOf('ulla@example.dk')
    expect(app!.confirmed_at).not.toBeNull()
    expect(app!.roles).toEqual(['buddy', 'helper'])
    const page = await callRoute(signupPage.loader, getRequest('/volunteer', cookie))
    expect(page.data.prefill.values.capacity).toBe('3')
    const mine = await callRoute(mePage.loader, getRequest('/volunteer/me', cookie))
    expect(mine.data.applications.map((a: { state: string }) => a.state)).toEqual(['applied'])
  })
})

describe('screening by the coordinator', () => {
  let appId: string
  const url = () => `/org/${CAFE}/volunteers/${appId}`
  const params = () => ({ orgId: CAFE, applicationId: appId })

  beforeAll(async () => {
    appId = (await applicationOf('nina.ny@example.dk'))!.id
  })

  it('lists applicants by state with days in state and what they miss', async () => {
    const page = await callRoute(
      listPage.loader,
      getRequest(`/org/${CAFE}/volunteers?state=applied`, cafeCoordinator),
      { orgId: CAFE },
    )
    expect(page.status).toBe(200)
    const nina = page.data.rows.find((r: { id: string }) => r.id === appId)
    expect(nina).toMatchObject({
      state: 'applied',
      days: 0,
      missing: ['interview', 'criminal_record'],
    })
    expect(page.data.counts.applied).toBeGreaterThanOrEqual(2)
    expect(page.data.rows.every((r: { state: string }) => r.state === 'applied')).toBe(true)
  })

  it('logs every read of a volunteer’s profile', async () => {
    const page = await callRoute(detailPage.loader, getRequest(url(), cafeCoordinator), params())
    expect(page.status).toBe(200)
    expect(page.data.volunteer.name).toBe('Nina Ny')
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_person_id'])
      .where('record_id', '=', appId)
      .where('action', '=', 'volunteer.read')
      .execute()
    expect(audit).toEqual([{ action: 'volunteer.read', actor_person_id: P(6) }])
  })

  it('refuses to approve before every requirement is recorded', async () => {
    const result = await callRoute(
      detailPage.action,
      postForm(url(), [['intent', 'approve']], cafeCoordinator),
      params(),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors['']).toEqual(['pages.orgVolunteers.errors.requirementsMissing'])
  })

  it('records the interview (moving the application into screening) and the certificate, then approves', async () => {
    const future = await callRoute(
      detailPage.action,
      postForm(
        url(),
        [
          ['intent', 'record'],
          ['kind', 'interview'],
          ['checkedOn', '2099-01-01'],
        ],
        cafeCoordinator,
      ),
      params(),
    )
    expect(future.status).toBe(400)
    expect(future.data.errors.checkedOn).toEqual(['pages.orgVolunteers.errors.dateFuture'])
    expect(future.data.values.kind).toBe('interview')

    const interview = await callRoute(
      detailPage.action,
      postForm(
        url(),
        [
          ['intent', 'record'],
          ['kind', 'interview'],
          ['checkedOn', '2026-11-01'],
        ],
        cafeCoordinator,
      ),
      params(),
    )
    expect(interview.location).toBe(`${url()}?done=recorded`)
    expect((await applicationOf('nina.ny@example.dk'))!.state).toBe('screening')
    const certificate = await callRoute(
      detailPage.action,
      postForm(
        url(),
        [
          ['intent', 'record'],
          ['kind', 'criminal_record'],
          ['checkedOn', '1-11-2026'],
        ],
        cafeCoordinator,
      ),
      params(),
    )
    expect(certificate.status).toBe(302)
    const record = await database.db
      .selectFrom('volunteer_requirement')
      .select(['checked_on', 'expires_on', 'recorded_by'])
      .where('application_id', '=', appId)
      .where('kind', '=', 'criminal_record')
      .executeTakeFirstOrThrow()
    expect(record).toEqual({
      checked_on: '2026-11-01',
      expires_on: '2028-11-01',
      recorded_by: P(6),
    })

    const approved = await callRoute(
      detailPage.action,
      postForm(url(), [['intent', 'approve']], cafeCoordinator),
      params(),
    )
    expect(approved.location).toBe(`${url()}?done=approve`)
    expect((await applicationOf('nina.ny@example.dk'))!.state).toBe('approved')
    expect(await outboxFor('nina.ny@example.dk', 'volunteerApproved')).toHaveLength(1)
    const events = await database.db
      .selectFrom('event')
      .select(['type', 'actor_person_id'])
      .where('entity_id', '=', appId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'volunteer.applied',
      'volunteer.requirement',
      'volunteer.startScreening',
      'volunteer.requirement',
      'volunteer.approve',
    ])
  })

  it('lets the café’s staff read but not act, and another organisation’s coordinator neither', async () => {
    const read = await callRoute(detailPage.loader, getRequest(url(), cafeStaff), params())
    expect(read.status).toBe(200)
    const act = await callRoute(
      detailPage.action,
      postForm(url(), [['intent', 'pause']], cafeStaff),
      params(),
    )
    expect(act.status).toBe(403)
    for (const [fn, request] of [
      [detailPage.loader, getRequest(url(), footballCoordinator)],
      [detailPage.action, postForm(url(), [['intent', 'end']], footballCoordinator)],
      [listPage.loader, getRequest(`/org/${CAFE}/volunteers`, footballCoordinator)],
      [capacityPage.loader, getRequest(`/org/${CAFE}/volunteers/capacity`, footballCoordinator)],
    ] as const) {
      const result = await callRoute(fn, request, params())
      expect(result.status).toBe(403)
    }
    // Its own organisation's page does not show the café's volunteer either.
    const theirs = await callRoute(
      detailPage.loader,
      getRequest(`/org/${FOOTBALL}/volunteers/${appId}`, footballCoordinator),
      { orgId: FOOTBALL, applicationId: appId },
    )
    expect(theirs.status).toBe(404)
    expect((await applicationOf('nina.ny@example.dk'))!.state).toBe('approved')
  })

  it('sends one reminder to each chosen applicant who misses a requirement, once a day', async () => {
    const tariq = await applicationOf('tariq.malik@example.dk')
    const sara = await applicationOf('sara.nielsen@example.dk')
    const nina = await applicationOf('nina.ny@example.dk')
    const send = () =>
      callRoute(
        listPage.action,
        postForm(
          `/org/${CAFE}/volunteers`,
          [
            ['intent', 'remind'],
            ['applicationIds', tariq!.id],
            ['applicationIds', sara!.id],
            ['applicationIds', nina!.id],
          ],
          cafeCoordinator,
        ),
        { orgId: CAFE },
      )
    const first = await send()
    expect(first.location).toBe(`/org/${CAFE}/volunteers?sent=2`)
    const second = await send()
    expect(second.location).toBe(`/org/${CAFE}/volunteers?sent=0`)
    const mail = await outboxFor('tariq.malik@example.dk', 'volunteerReminder')
    expect(mail).toHaveLength(1)
    expect(mail[0]!.text_body).toContain('Straffeattest')
    expect(await outboxFor('nina.ny@example.dk', 'volunteerReminder')).toEqual([])
    const none = await callRoute(
      listPage.action,
      postForm(`/org/${CAFE}/volunteers`, [['intent', 'remind']], cafeCoordinator),
      { orgId: CAFE },
    )
    expect(none.status).toBe(400)
  })

  it('saves which roles and requirements apply, and refuses a bad number of months', async () => {
    const bad = await callRoute(
      settingsPage.action,
      postForm(
        `/org/${FOOTBALL}/volunteers/settings`,
        [
          ['roles', 'helper'],
          ['requirements', 'criminal_record'],
          ['months_criminal_record', '0'],
        ],
        footballCoordinator,
      ),
      { orgId: FOOTBALL },
    )
    expect(bad.status).toBe(400)
    expect(bad.data.errors.months_criminal_record).toEqual([
      'pages.orgVolunteers.errors.monthsInvalid',
    ])
    expect(bad.data.kept.lists.requirements).toEqual(['criminal_record'])
    const good = await callRoute(
      settingsPage.action,
      postForm(
        `/org/${FOOTBALL}/volunteers/settings`,
        [
          ['roles', 'helper'],
          ['roles', 'trainer'],
          ['requirements', 'interview'],
          ['requirements', 'confidentiality'],
          ['requirements', 'criminal_record'],
          ['months_criminal_record', '36'],
        ],
        footballCoordinator,
      ),
      { orgId: FOOTBALL },
    )
    expect(good.status).toBe(302)
    const rows = await database.db
      .selectFrom('organisation_requirement')
      .select(['kind', 'valid_months'])
      .where('organisation_id', '=', FOOTBALL)
      .orderBy('kind')
      .execute()
    expect(rows).toEqual([
      { kind: 'confidentiality', valid_months: null },
      { kind: 'criminal_record', valid_months: 36 },
      { kind: 'interview', valid_months: null },
    ])
    const staff = await callRoute(
      settingsPage.action,
      postForm(`/org/${CAFE}/volunteers/settings`, [['roles', 'helper']], cafeStaff),
      { orgId: CAFE },
    )
    expect(staff.status).toBe(403)
  })
})

describe('who may be offered for matching or assignment', () => {
  it('leaves out a volunteer whose certificate has expired, and anyone not approved or active', async () => {
    const rows = await listCapacity(
      {
        db: database.db,
        now: new Date(),
        ipHash: null,
        actor: {
          personId: P(6),
          displayName: 'Camilla',
          email: null,
          language: 'da',
          sessionId: '',
          mfaVerified: true,
          totpEnabled: false,
          municipalRoles: [],
          orgRoles: [{ organisationId: CAFE, organisationName: 'Café Broen', role: 'coordinator' }],
          citizen: null,
          isVolunteer: false,
          isDemo: false,
        },
      },
      CAFE,
    )
    const ids = rows.map((r) => r.id)
    const else15 = await applicationOf('else.frandsen@example.dk')
    const lise11 = await applicationOf('lise.andersen@example.dk')
    const anders1 = await applicationOf('anders.holm@example.dk')
    expect(ids).toContain(anders1!.id)
    expect(ids).not.toContain(else15!.id)
    expect(ids).not.toContain(lise11!.id)
    expect(rows.find((r) => r.id === anders1!.id)).toMatchObject({ capacity: 2, open: 2 })
  })

  it('excludes an approved volunteer on the day the requirement expires, not the day before', async () => {
    const birgitte = await applicationOf('birgitte.lund@example.dk')
    const cert = await database.db
      .selectFrom('volunteer_requirement')
      .select('expires_on')
      .where('application_id', '=', birgitte!.id)
      .where('kind', '=', 'criminal_record')
      .executeTakeFirstOrThrow()
    const eligibleAt = async (at: Date) =>
      (
        await database.db
          .selectFrom('volunteer_application as va')
          .select('va.id')
          .where('va.id', '=', birgitte!.id)
          .where(volunteerIsEligible('va', at))
          .execute()
      ).length === 1
    // 23:30 in Copenhagen on the last valid day, and 00:30 on the day it expires.
    const expiresOn = cert.expires_on!
    expect(await eligibleAt(zonedTimeToUtc(addDays(expiresOn, -1), '23:30'))).toBe(true)
    expect(await eligibleAt(zonedTimeToUtc(expiresOn, '00:30'))).toBe(false)
  })

  it('shows the capacity page to staff with open places', async () => {
    const page = await callRoute(
      capacityPage.loader,
      getRequest(`/org/${CAFE}/volunteers/capacity`, cafeStaff),
      { orgId: CAFE },
    )
    expect(page.status).toBe(200)
    expect(page.data.open).toBeGreaterThan(0)
    expect(DEMO_VOLUNTEERS).toHaveLength(20)
  })

  it('seeds the demo once: a second run adds nothing', async () => {
    const count = async () =>
      Promise.all(
        (
          ['volunteer_application', 'volunteer_requirement', 'volunteer_hours', 'event'] as const
        ).map(async (table) =>
          Number(
            (
              await database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      )
    const before = await count()
    await seedDemoVolunteers(database.db)
    expect(await count()).toEqual(before)
  })

  it('refuses a transition the table does not allow', async () => {
    const sara = await applicationOf('sara.nielsen@example.dk')
    const result = await applyTransition(database.db, {
      applicationId: sara!.id,
      transition: 'resume',
      by: 'coordinator',
      actorPersonId: P(6),
      now: new Date(),
    })
    expect(result).toEqual({ ok: false, reason: 'notAllowed' })
  })
})
