import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from '~/db.server'
import { sha256 } from '~/modules/identity/crypto.server'
import type { Ctx } from '~/modules/identity/guards.server'
import {
  acceptInvitation,
  getInvitation,
  inviteToOrganisation,
} from '~/modules/identity/invitations.server'
import { loadActor } from '~/modules/identity/actor.server'
import { loadSessionActor } from '~/modules/identity/actor.server'
import * as adminOrganisations from '~/routes/admin.organisations'
import * as adminPeople from '~/routes/admin.people'
import * as invitationPage from '~/routes/invitations.$token'
import * as orgStaff from '~/routes/org.$orgId.staff'
import * as registerPage from '~/routes/organisations.register'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import {
  callRoute,
  createPerson,
  formRequest,
  getRequest,
  sessionCookieFor,
  sessionIdOf,
  setCookies,
  type PersonOptions,
} from '../setup/auth.ts'
import { createTestDatabase } from '../setup/database.ts'

// Identity and access, from the invitation e-mail to the first session, and organisations from
// self-registration to approval — through the routes' loaders and actions with real Requests.

const DAY = 86_400_000
const F = DEMO.frederiksberg
const R = DEMO.rodovre

let database: Database
let fAdmin: { id: string; cookie: string }
let rAdmin: { id: string; cookie: string }
let cafeCoordinator: { id: string; cookie: string }

async function staff(options: PersonOptions) {
  const person = await createPerson(database.db, options)
  return {
    id: person.id,
    cookie: await sessionCookieFor(database.db, person.id, { mfaVerified: true }),
  }
}

async function outboxTo(email: string) {
  return database.db
    .selectFrom('outbox_message')
    .select(['template', 'subject', 'text_body', 'html_body', 'language', 'to_name'])
    .where('to_address', '=', email)
    .orderBy('created_at')
    .execute()
}

const tokenIn = (text: string) => {
  const match = /http:\/\/localhost\/invitations\/([A-Za-z0-9_-]+)/.exec(text)
  if (!match) throw new Error(`No invitation link in:\n${text}`)
  return match[1]!
}

async function auditRows(action: string, recordId?: string) {
  let query = database.db
    .selectFrom('audit_log')
    .select(['actor_person_id', 'municipality_id', 'record_type', 'record_id', 'details', 'page'])
    .where('action', '=', action)
  if (recordId) query = query.where('record_id', '=', recordId)
  return query.execute()
}

const invitePeople = (cookie: string, fields: Record<string, string>) =>
  callRoute(
    adminPeople.action,
    formRequest('/admin/people', { intent: 'invite', municipalityId: F, ...fields }, cookie),
  )

const registration = (overrides: Record<string, string> = {}) => ({
  name: 'Strikkeklubben Masker',
  type: 'association',
  cvr: '12345674',
  streetAddress: 'Smallegade 1',
  postalCode: '2000',
  city: 'Frederiksberg',
  phone: '+45 33 12 34 56',
  website: 'masker.example.dk',
  municipalityId: F,
  contactName: 'Lone Strik',
  contactEmail: 'lone@masker.example.dk',
  ...overrides,
})

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db)
  fAdmin = await staff({
    name: 'Frida Admin',
    email: 'frida.admin@frederiksberg.test',
    municipalRoles: [{ municipalityId: F, role: 'administrator' }],
  })
  rAdmin = await staff({
    name: 'Rune Admin',
    email: 'rune.admin@rodovre.test',
    municipalRoles: [{ municipalityId: R, role: 'administrator' }],
  })
  cafeCoordinator = await staff({
    name: 'Carla Koordinator',
    email: 'carla@cafe.test',
    orgRoles: [{ organisationId: DEMO.org.cafe, role: 'coordinator' }],
  })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('an administrator invites a caseworker', () => {
  let token: string

  it('sends the invitation e-mail with a link, stores only the hash, and logs it', async () => {
    const res = await invitePeople(fAdmin.cookie, {
      email: 'Nanna.Ny@Frederiksberg.test',
      name: 'Nanna Ny',
      role: 'caseworker',
    })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/admin/people?done=invited')

    const mail = await outboxTo('Nanna.Ny@Frederiksberg.test')
    expect(mail).toHaveLength(1)
    expect(mail[0]!.template).toBe('invitation')
    expect(mail[0]!.subject).toContain('Frederiksberg Kommune')
    expect(mail[0]!.text_body).toContain(
      'Frida Admin har inviteret dig som sagsbehandler hos Frederiksberg Kommune',
    )
    token = tokenIn(mail[0]!.text_body)

    const row = await database.db
      .selectFrom('invitation')
      .select([
        'id',
        'token_hash',
        'municipality_id',
        'role',
        'invited_by',
        'expires_at',
        'created_at',
      ])
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ municipality_id: F, role: 'caseworker', invited_by: fAdmin.id })
    const days = (new Date(row.expires_at).getTime() - Date.now()) / DAY
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)
    const [audit] = await auditRows('invitation.sent', row.id)
    expect(audit).toMatchObject({
      actor_person_id: fAdmin.id,
      municipality_id: F,
      record_type: 'invitation',
    })
  })

  it('shows who invited whom to what, and lists the invitation as pending for the administrator', async () => {
    const page = await callRoute(invitationPage.loader, getRequest(`/invitations/${token}`), {
      token,
    })
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({
      usable: true,
      invitation: {
        email: 'Nanna.Ny@Frederiksberg.test',
        name: 'Nanna Ny',
        role: 'caseworker',
        place: 'Frederiksberg Kommune',
        inviter: 'Frida Admin',
        needsTwoFactor: true,
      },
      signedIn: null,
      accountExists: false,
    })
    const admin = await callRoute(adminPeople.loader, getRequest('/admin/people', fAdmin.cookie))
    expect(admin.status).toBe(200)
    expect(admin.data.invitations.map((i: { email: string }) => i.email)).toContain(
      'Nanna.Ny@Frederiksberg.test',
    )
  })

  it('refuses a short password and a mismatched confirmation with 400, keeping the name', async () => {
    const short = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, {
        intent: 'create',
        name: 'Nanna Ny',
        password: 'kort',
        confirm: 'kort',
      }),
      { token },
    )
    expect(short.status).toBe(400)
    expect(short.data.errors.password).toEqual(['pages.password.errors.tooShort'])
    expect(short.data.values).toEqual({ intent: 'create', name: 'Nanna Ny' })
    const mismatch = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, {
        intent: 'create',
        name: 'Nanna Ny',
        password: 'en lang adgangskode',
        confirm: 'en anden lang kode',
      }),
      { token },
    )
    expect(mismatch.status).toBe(400)
    expect(mismatch.data.errors.confirm).toEqual(['pages.password.errors.mismatch'])
    const invitation = await database.db
      .selectFrom('invitation')
      .select('accepted_at')
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow()
    expect(invitation.accepted_at).toBeNull()
  })

  it('creates the person with the role and a session, and sends them to set up two-factor', async () => {
    const res = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, {
        intent: 'create',
        name: 'Nanna Ny',
        password: 'grøn cykel på taget',
        confirm: 'grøn cykel på taget',
      }),
      { token },
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/account/two-factor')
    const cookie = setCookies(res).find((c) => c.startsWith('bb_session='))
    expect(cookie).toBeDefined()

    const person = await database.db
      .selectFrom('person')
      .select(['id', 'display_name', 'email', 'email_verified_at', 'password_hash'])
      .where('email', '=', 'Nanna.Ny@Frederiksberg.test')
      .executeTakeFirstOrThrow()
    expect(person.display_name).toBe('Nanna Ny')
    expect(person.email_verified_at).not.toBeNull()
    expect(person.password_hash).toMatch(/^\$argon2id\$/)
    const roles = await database.db
      .selectFrom('municipal_role')
      .select(['municipality_id', 'role', 'granted_by'])
      .where('person_id', '=', person.id)
      .execute()
    expect(roles).toEqual([{ municipality_id: F, role: 'caseworker', granted_by: fAdmin.id }])

    const invitation = await database.db
      .selectFrom('invitation')
      .select(['id', 'accepted_at', 'accepted_person_id'])
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow()
    expect(invitation.accepted_at).not.toBeNull()
    expect(invitation.accepted_person_id).toBe(person.id)

    const session = await loadSessionActor(database.db, sessionIdOf(cookie!), new Date())
    expect(session?.personId).toBe(person.id)
    expect(session?.mfaVerified).toBe(false)
    expect(await auditRows('invitation.accepted', invitation.id)).toHaveLength(1)
    const granted = await auditRows('role.granted', person.id)
    expect(granted).toHaveLength(1)
    expect(granted[0]).toMatchObject({
      actor_person_id: person.id,
      municipality_id: F,
      details: { role: 'caseworker', via: 'invitation' },
    })

    // Until the second factor is set up, staff pages send the new caseworker there.
    const admin = await callRoute(adminPeople.loader, getRequest('/admin/people', cookie!))
    expect(admin.status).toBe(302)
    expect(admin.location).toBe('/account/two-factor')
  })

  it('answers 410 for the used link, both the page and the form', async () => {
    const page = await callRoute(invitationPage.loader, getRequest(`/invitations/${token}`), {
      token,
    })
    expect(page.status).toBe(410)
    expect(page.data.usable).toBe(false)
    const again = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, {
        intent: 'create',
        name: 'Someone Else',
        password: 'en lang adgangskode',
        confirm: 'en lang adgangskode',
      }),
      { token },
    )
    expect(again.status).toBe(410)
    expect(
      await database.db
        .selectFrom('person')
        .select('id')
        .where('display_name', '=', 'Someone Else')
        .execute(),
    ).toEqual([])
  })
})

describe('an expired invitation', () => {
  it('is refused with 410 once 8 days have passed, and creates nobody', async () => {
    const res = await invitePeople(fAdmin.cookie, {
      email: 'sen@frederiksberg.test',
      name: 'Søren Sen',
      role: 'council_viewer',
    })
    expect(res.status).toBe(302)
    const token = tokenIn((await outboxTo('sen@frederiksberg.test'))[0]!.text_body)
    const eightDaysOn = new Date(Date.now() + 8 * DAY)

    expect(await getInvitation(database.db, token, eightDaysOn)).toBeNull()
    expect(
      await acceptInvitation(
        database.db,
        token,
        { name: 'Søren Sen', password: 'en lang adgangskode' },
        eightDaysOn,
      ),
    ).toEqual({
      ok: false,
      reason: 'unusable',
    })

    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(eightDaysOn)
    const page = await callRoute(invitationPage.loader, getRequest(`/invitations/${token}`), {
      token,
    })
    expect(page.status).toBe(410)
    const accept = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, {
        intent: 'create',
        name: 'Søren Sen',
        password: 'en lang adgangskode',
        confirm: 'en lang adgangskode',
      }),
      { token },
    )
    expect(accept.status).toBe(410)
    vi.useRealTimers()
    expect(
      await database.db
        .selectFrom('person')
        .select('id')
        .where('email', '=', 'sen@frederiksberg.test')
        .execute(),
    ).toEqual([])
  })

  it('answers 410 for a token that never existed', async () => {
    const page = await callRoute(invitationPage.loader, getRequest('/invitations/nonsense'), {
      token: 'nonsense',
    })
    expect(page.status).toBe(410)
  })
})

describe('an invitation to someone who already has an account', () => {
  it('asks them to log in first, then takes the invitation with one button', async () => {
    const existing = await createPerson(database.db, {
      name: 'Vera Frivillig',
      email: 'vera@example.dk',
      volunteer: true,
    })
    const invited = await callRoute(
      orgStaff.action,
      formRequest(
        `/org/${DEMO.org.cafe}/staff`,
        { intent: 'invite', email: 'VERA@example.dk', name: 'Vera', role: 'staff' },
        cafeCoordinator.cookie,
      ),
      { orgId: DEMO.org.cafe },
    )
    expect(invited.status).toBe(302)
    expect(invited.location).toBe(`/org/${DEMO.org.cafe}/staff?done=invited`)
    const token = tokenIn((await outboxTo('VERA@example.dk'))[0]!.text_body)

    const anonymous = await callRoute(invitationPage.loader, getRequest(`/invitations/${token}`), {
      token,
    })
    expect(anonymous.data.accountExists).toBe(true)
    expect(anonymous.data.loginHref).toBe(
      `/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`,
    )
    const taken = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, {
        intent: 'create',
        name: 'Vera',
        password: 'en lang adgangskode',
        confirm: 'en lang adgangskode',
      }),
      { token },
    )
    expect(taken.status).toBe(409)
    expect(taken.data.errors['']).toEqual(['pages.invitation.errors.emailTaken'])

    const cookie = await sessionCookieFor(database.db, existing.id)
    const signedIn = await callRoute(
      invitationPage.loader,
      getRequest(`/invitations/${token}`, cookie),
      { token },
    )
    expect(signedIn.data.signedIn).toEqual({
      name: 'Vera Frivillig',
      email: 'vera@example.dk',
      matches: true,
    })

    const res = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, { intent: 'accept' }, cookie),
      { token },
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/account')
    const membership = await database.db
      .selectFrom('organisation_membership')
      .select(['role', 'granted_by'])
      .where('person_id', '=', existing.id)
      .where('organisation_id', '=', DEMO.org.cafe)
      .executeTakeFirstOrThrow()
    expect(membership).toEqual({ role: 'staff', granted_by: cafeCoordinator.id })
    // Privileges changed: the old session is replaced by a new one.
    expect(await loadSessionActor(database.db, sessionIdOf(cookie), new Date())).toBeNull()
    const fresh = setCookies(res).find((c) => c.startsWith('bb_session='))!
    expect((await loadSessionActor(database.db, sessionIdOf(fresh), new Date()))?.personId).toBe(
      existing.id,
    )
    const [granted] = await auditRows('role.granted', existing.id)
    expect(granted?.details).toMatchObject({ role: 'staff', organisationId: DEMO.org.cafe })
  })

  it('refuses someone logged in with another address', async () => {
    const other = await createPerson(database.db, {
      name: 'Ole Anden',
      email: 'ole@example.dk',
      volunteer: true,
    })
    const cookie = await sessionCookieFor(database.db, other.id)
    await callRoute(
      orgStaff.action,
      formRequest(
        `/org/${DEMO.org.cafe}/staff`,
        { intent: 'invite', email: 'someone.else@example.dk', name: 'Else', role: 'staff' },
        cafeCoordinator.cookie,
      ),
      { orgId: DEMO.org.cafe },
    )
    const token = tokenIn((await outboxTo('someone.else@example.dk'))[0]!.text_body)
    const page = await callRoute(
      invitationPage.loader,
      getRequest(`/invitations/${token}`, cookie),
      { token },
    )
    expect(page.data.signedIn.matches).toBe(false)
    const res = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, { intent: 'accept' }, cookie),
      { token },
    )
    expect(res.status).toBe(403)
    expect(await getInvitation(database.db, token, new Date())).not.toBeNull()
  })
})

describe('organisation staff', () => {
  it('lets a coordinator see the page for their own organisation only (403 elsewhere)', async () => {
    const own = await callRoute(
      orgStaff.loader,
      getRequest(`/org/${DEMO.org.cafe}/staff`, cafeCoordinator.cookie),
      { orgId: DEMO.org.cafe },
    )
    expect(own.status).toBe(200)
    expect(own.data.members.map((m: { name: string }) => m.name)).toContain('Carla Koordinator')
    const other = await callRoute(
      orgStaff.loader,
      getRequest(`/org/${DEMO.org.streetFootball}/staff`, cafeCoordinator.cookie),
      {
        orgId: DEMO.org.streetFootball,
      },
    )
    expect(other.status).toBe(403)
    const garbage = await callRoute(
      orgStaff.loader,
      getRequest('/org/not-a-uuid/staff', cafeCoordinator.cookie),
      { orgId: 'not-a-uuid' },
    )
    expect(garbage.status).toBe(403)
  })

  it('refuses a coordinator inviting to another organisation (403), in the route and in the module', async () => {
    const res = await callRoute(
      orgStaff.action,
      formRequest(
        `/org/${DEMO.org.streetFootball}/staff`,
        { intent: 'invite', email: 'snyd@example.dk', name: 'Snyd', role: 'coordinator' },
        cafeCoordinator.cookie,
      ),
      { orgId: DEMO.org.streetFootball },
    )
    expect(res.status).toBe(403)
    const actor = (await loadActor(database.db, cafeCoordinator.id, {
      id: 'x',
      mfaVerified: true,
    }))!
    const ctx: Ctx = { db: database.db, actor, now: new Date(), ipHash: null }
    const thrown = await inviteToOrganisation(ctx, DEMO.org.streetFootball, {
      email: 'snyd@example.dk',
      name: 'Snyd',
      role: 'coordinator',
      origin: 'http://localhost',
    }).catch((e: unknown) => e)
    expect((thrown as { init?: { status?: number } }).init?.status).toBe(403)
    expect(await outboxTo('snyd@example.dk')).toEqual([])
    expect(
      await database.db
        .selectFrom('invitation')
        .select('id')
        .where('email', '=', 'snyd@example.dk')
        .execute(),
    ).toEqual([])
  })

  it('keeps the last coordinator and removes other members', async () => {
    const self = await callRoute(
      orgStaff.action,
      formRequest(
        `/org/${DEMO.org.cafe}/staff`,
        { intent: 'removeMember', personId: cafeCoordinator.id },
        cafeCoordinator.cookie,
      ),
      { orgId: DEMO.org.cafe },
    )
    expect(self.status).toBe(400)
    expect(self.data.errors['']).toEqual(['pages.orgStaff.errors.lastCoordinator'])
    const member = await createPerson(database.db, {
      name: 'Mads Medarbejder',
      email: 'mads@cafe.test',
      orgRoles: [{ organisationId: DEMO.org.cafe, role: 'staff' }],
    })
    const res = await callRoute(
      orgStaff.action,
      formRequest(
        `/org/${DEMO.org.cafe}/staff`,
        { intent: 'removeMember', personId: member.id },
        cafeCoordinator.cookie,
      ),
      { orgId: DEMO.org.cafe },
    )
    expect(res.status).toBe(302)
    expect(
      await database.db
        .selectFrom('organisation_membership')
        .select('id')
        .where('person_id', '=', member.id)
        .execute(),
    ).toEqual([])
    const [removed] = await auditRows('role.removed', member.id)
    expect(removed).toMatchObject({
      actor_person_id: cafeCoordinator.id,
      municipality_id: F,
      details: { role: 'staff', organisationId: DEMO.org.cafe },
    })
  })

  it('answers a forged form with 400, never 500', async () => {
    const res = await callRoute(
      orgStaff.action,
      formRequest(
        `/org/${DEMO.org.cafe}/staff`,
        { intent: 'removeMember', personId: "x' or 1=1" },
        cafeCoordinator.cookie,
      ),
      { orgId: DEMO.org.cafe },
    )
    expect(res.status).toBe(400)
  })
})

describe('municipalities are kept apart', () => {
  it('shows an administrator only their own municipality’s people, and 403 for another’s', async () => {
    const own = await callRoute(adminPeople.loader, getRequest('/admin/people', rAdmin.cookie))
    expect(own.status).toBe(200)
    const names = own.data.staff.map((s: { name: string }) => s.name)
    expect(names).toContain('Rune Admin')
    expect(names).not.toContain('Frida Admin')
    expect(own.data.invitations).toEqual([])

    const other = await callRoute(
      adminPeople.loader,
      getRequest(`/admin/people?municipality=${F}`, rAdmin.cookie),
    )
    expect(other.status).toBe(403)
    const forms: Record<string, string>[] = [
      { intent: 'revokeSessions', municipalityId: F, personId: fAdmin.id },
      {
        intent: 'invite',
        municipalityId: F,
        email: 'x@example.dk',
        name: 'X',
        role: 'administrator',
      },
      { intent: 'addRole', municipalityId: F, personId: fAdmin.id, role: 'caseworker' },
    ]
    for (const form of forms) {
      const res = await callRoute(
        adminPeople.action,
        formRequest('/admin/people', form, rAdmin.cookie),
      )
      expect(res.status, form.intent).toBe(403)
    }
    // Naming their own municipality does not reach someone who does not work there.
    const sideways = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'revokeSessions', municipalityId: R, personId: fAdmin.id },
        rAdmin.cookie,
      ),
    )
    expect(sideways.status).toBe(404)
    expect(
      await loadSessionActor(database.db, sessionIdOf(fAdmin.cookie), new Date()),
    ).not.toBeNull()
  })

  it('refuses people without the administrator role (403)', async () => {
    const res = await callRoute(
      adminPeople.loader,
      getRequest('/admin/people', cafeCoordinator.cookie),
    )
    expect(res.status).toBe(403)
    const org = await callRoute(
      adminOrganisations.loader,
      getRequest('/admin/organisations', cafeCoordinator.cookie),
    )
    expect(org.status).toBe(403)
  })
})

describe('roles and sessions', () => {
  it('keeps the last administrator, adds and removes roles, and logs each change', async () => {
    const last = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'removeRole', municipalityId: R, personId: rAdmin.id, role: 'administrator' },
        rAdmin.cookie,
      ),
    )
    expect(last.status).toBe(400)
    expect(last.data.errors['']).toEqual(['pages.admin.people.errors.lastAdministrator'])

    const colleague = await createPerson(database.db, {
      name: 'Rasmus Kollega',
      email: 'rasmus@rodovre.test',
      municipalRoles: [{ municipalityId: R, role: 'caseworker' }],
    })
    const add = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'addRole', municipalityId: R, personId: colleague.id, role: 'administrator' },
        rAdmin.cookie,
      ),
    )
    expect(add.status).toBe(302)
    expect(add.location).toBe('/admin/people?done=roleAdded')
    const [granted] = await auditRows('role.granted', colleague.id)
    expect(granted).toMatchObject({
      actor_person_id: rAdmin.id,
      municipality_id: R,
      details: { role: 'administrator' },
    })

    const removeOwn = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'removeRole', municipalityId: R, personId: colleague.id, role: 'caseworker' },
        rAdmin.cookie,
      ),
    )
    expect(removeOwn.status).toBe(302)
    const roles = await database.db
      .selectFrom('municipal_role')
      .select('role')
      .where('person_id', '=', colleague.id)
      .execute()
    expect(roles).toEqual([{ role: 'administrator' }])
    expect(await auditRows('role.removed', colleague.id)).toHaveLength(1)

    // With a second administrator, the first may step down, and is sent away from the page.
    const colleagueCookie = await sessionCookieFor(database.db, colleague.id)
    const stepDown = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'removeRole', municipalityId: R, personId: colleague.id, role: 'administrator' },
        colleagueCookie,
      ),
    )
    expect(stepDown.status).toBe(302)
    expect(stepDown.location).toBe('/account')
    expect(
      await database.db
        .selectFrom('municipal_role')
        .select('role')
        .where('person_id', '=', colleague.id)
        .execute(),
    ).toEqual([])
  })

  it('logs a member of staff out everywhere', async () => {
    const caseworker = await createPerson(database.db, {
      name: 'Rikke Sag',
      email: 'rikke.sag@rodovre.test',
      municipalRoles: [{ municipalityId: R, role: 'caseworker' }],
    })
    const a = await sessionCookieFor(database.db, caseworker.id)
    const b = await sessionCookieFor(database.db, caseworker.id)
    const res = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'revokeSessions', municipalityId: R, personId: caseworker.id },
        rAdmin.cookie,
      ),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/admin/people?done=sessionsRevoked')
    expect(await loadSessionActor(database.db, sessionIdOf(a), new Date())).toBeNull()
    expect(await loadSessionActor(database.db, sessionIdOf(b), new Date())).toBeNull()
    const [audit] = await auditRows('session.revoked_by_admin', caseworker.id)
    expect(audit).toMatchObject({
      actor_person_id: rAdmin.id,
      municipality_id: R,
      details: { sessions: 2 },
    })
  })

  it('revokes a pending invitation so its link stops working', async () => {
    await invitePeople(fAdmin.cookie, {
      email: 'fortrudt@frederiksberg.test',
      name: 'Fie Fortrudt',
      role: 'caseworker',
    })
    const token = tokenIn((await outboxTo('fortrudt@frederiksberg.test'))[0]!.text_body)
    const invitation = await database.db
      .selectFrom('invitation')
      .select('id')
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow()
    const fromRodovre = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'revokeInvitation', municipalityId: R, invitationId: invitation.id },
        rAdmin.cookie,
      ),
    )
    expect(fromRodovre.status).toBe(403)
    const res = await callRoute(
      adminPeople.action,
      formRequest(
        '/admin/people',
        { intent: 'revokeInvitation', municipalityId: F, invitationId: invitation.id },
        fAdmin.cookie,
      ),
    )
    expect(res.status).toBe(302)
    expect(
      (await callRoute(invitationPage.loader, getRequest(`/invitations/${token}`), { token }))
        .status,
    ).toBe(410)
    expect(await auditRows('invitation.revoked', invitation.id)).toHaveLength(1)
  })

  it('keeps the typed input and names the field when the invite form is wrong', async () => {
    const res = await invitePeople(fAdmin.cookie, {
      email: 'ikke en adresse',
      name: 'Navn Navnesen',
      role: 'boss',
    })
    expect(res.status).toBe(400)
    expect(res.data.errors.email).toEqual(['pages.invitation.errors.emailInvalid'])
    expect(res.data.errors.role).toEqual(['pages.admin.people.errors.roleRequired'])
    expect(res.data.values).toMatchObject({ email: 'ikke en adresse', name: 'Navn Navnesen' })
  })
})

describe('an organisation registers itself', () => {
  it('refuses a CVR number with a bad check digit: 400, the field’s error, the input kept', async () => {
    const res = await callRoute(
      registerPage.action,
      formRequest('/organisations/register', registration({ cvr: '12345675' })),
    )
    expect(res.status).toBe(400)
    expect(res.data.errors.cvr).toEqual(['pages.orgRegister.errors.cvrInvalid'])
    expect(res.data.values).toMatchObject({
      name: 'Strikkeklubben Masker',
      cvr: '12345675',
      postalCode: '2000',
      contactEmail: 'lone@masker.example.dk',
    })
    expect(
      await database.db
        .selectFrom('organisation')
        .select('id')
        .where('name', '=', 'Strikkeklubben Masker')
        .execute(),
    ).toEqual([])
  })

  it('answers a CVR number already registered with a neutral message', async () => {
    const res = await callRoute(
      registerPage.action,
      formRequest('/organisations/register', registration({ cvr: '34123454' })),
    )
    expect(res.status).toBe(400)
    expect(res.data.errors.cvr).toEqual(['pages.orgRegister.errors.cvrTaken'])
    expect(res.data.values.name).toBe('Strikkeklubben Masker')
  })

  it('never answers 500 to nonsense', async () => {
    const res = await callRoute(
      registerPage.action,
      formRequest('/organisations/register', {
        municipalityId: "'; drop table organisation; --",
        type: 'club',
      }),
    )
    expect(res.status).toBe(400)
  })

  let organisationId: string

  it('creates a pending organisation and invites the contact as coordinator', async () => {
    const res = await callRoute(
      registerPage.action,
      formRequest('/organisations/register', registration({ cvr: ' 12 34 56 74 ' })),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/organisations/register?sent=1')
    const org = await database.db
      .selectFrom('organisation')
      .select(['id', 'status', 'cvr', 'type', 'home_municipality_id', 'website', 'postal_code'])
      .where('name', '=', 'Strikkeklubben Masker')
      .executeTakeFirstOrThrow()
    expect(org).toMatchObject({
      status: 'pending',
      cvr: '12345674',
      type: 'association',
      home_municipality_id: F,
      website: 'https://masker.example.dk',
    })
    organisationId = org.id
    const invitations = await database.db
      .selectFrom('invitation')
      .select(['email', 'display_name', 'role', 'organisation_id', 'invited_by'])
      .where('organisation_id', '=', org.id)
      .execute()
    expect(invitations).toEqual([
      {
        email: 'lone@masker.example.dk',
        display_name: 'Lone Strik',
        role: 'coordinator',
        organisation_id: org.id,
        invited_by: null,
      },
    ])
    const mail = await outboxTo('lone@masker.example.dk')
    expect(mail.map((m) => m.template)).toEqual(['organisationRegistered'])
    expect(mail[0]!.text_body).toContain('Frederiksberg Kommune')
    tokenIn(mail[0]!.text_body)
    const [audit] = await auditRows('organisation.registered', org.id)
    expect(audit).toMatchObject({
      actor_person_id: null,
      municipality_id: F,
      record_type: 'organisation',
    })

    const thanks = await callRoute(
      registerPage.loader,
      getRequest('/organisations/register?sent=1'),
    )
    expect(thanks.data.sent).toBe(true)
  })

  it('shows the pending organisation to its own municipality only', async () => {
    const own = await callRoute(
      adminOrganisations.loader,
      getRequest('/admin/organisations', fAdmin.cookie),
    )
    expect(own.status).toBe(200)
    const pending = own.data.pending.find((o: { id: string }) => o.id === organisationId)
    expect(pending).toMatchObject({
      name: 'Strikkeklubben Masker',
      cvr: '12345674',
      contactName: 'Lone Strik',
      contactEmail: 'lone@masker.example.dk',
    })
    const other = await callRoute(
      adminOrganisations.loader,
      getRequest('/admin/organisations', rAdmin.cookie),
    )
    expect(other.data.pending.map((o: { id: string }) => o.id)).not.toContain(organisationId)
    const peek = await callRoute(
      adminOrganisations.loader,
      getRequest(`/admin/organisations?municipality=${F}`, rAdmin.cookie),
    )
    expect(peek.status).toBe(403)
    const decide = await callRoute(
      adminOrganisations.action,
      formRequest(
        '/admin/organisations',
        { intent: 'approve', municipalityId: R, organisationId },
        rAdmin.cookie,
      ),
    )
    expect(decide.status).toBe(403)
  })

  it('approves: the contact, who has no account yet, gets the news and a fresh invitation', async () => {
    const res = await callRoute(
      adminOrganisations.action,
      formRequest(
        '/admin/organisations',
        { intent: 'approve', municipalityId: F, organisationId },
        fAdmin.cookie,
      ),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/admin/organisations?done=approved')
    const org = await database.db
      .selectFrom('organisation')
      .select('status')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow()
    expect(org.status).toBe('approved')
    const mail = await outboxTo('lone@masker.example.dk')
    expect(mail.map((m) => m.template).sort()).toEqual([
      'invitation',
      'organisationApproved',
      'organisationRegistered',
    ])
    expect(mail.find((m) => m.template === 'organisationApproved')!.subject).toBe(
      'Strikkeklubben Masker er godkendt på Brobygger',
    )
    const open = await database.db
      .selectFrom('invitation')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('revoked_at', 'is', null)
      .execute()
    expect(open).toHaveLength(1)
    const [audit] = await auditRows('organisation.approved', organisationId)
    expect(audit).toMatchObject({ actor_person_id: fAdmin.id, municipality_id: F })
    const events = await database.db
      .selectFrom('event')
      .select('type')
      .where('entity_id', '=', organisationId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['organisation.registered', 'organisation.approved'])

    const twice = await callRoute(
      adminOrganisations.action,
      formRequest(
        '/admin/organisations',
        { intent: 'approve', municipalityId: F, organisationId },
        fAdmin.cookie,
      ),
    )
    expect(twice.status).toBe(409)
  })

  it('approves: the e-mail goes to the coordinators once someone has taken the invitation', async () => {
    const reg = await callRoute(
      registerPage.action,
      formRequest(
        '/organisations/register',
        registration({
          name: 'Kaffeklubben',
          cvr: '10000009',
          contactEmail: 'kim@kaffe.example.dk',
          contactName: 'Kim Kaffe',
        }),
      ),
    )
    expect(reg.status).toBe(302)
    const token = tokenIn((await outboxTo('kim@kaffe.example.dk'))[0]!.text_body)
    const accept = await callRoute(
      invitationPage.action,
      formRequest(`/invitations/${token}`, {
        intent: 'create',
        name: 'Kim Kaffe',
        password: 'kaffe kaffe kaffe',
        confirm: 'kaffe kaffe kaffe',
      }),
      { token },
    )
    expect(accept.status).toBe(302)
    expect(accept.location).toBe('/account')
    const org = await database.db
      .selectFrom('organisation')
      .select('id')
      .where('name', '=', 'Kaffeklubben')
      .executeTakeFirstOrThrow()
    const res = await callRoute(
      adminOrganisations.action,
      formRequest(
        '/admin/organisations',
        { intent: 'approve', municipalityId: F, organisationId: org.id },
        fAdmin.cookie,
      ),
    )
    expect(res.status).toBe(302)
    const mail = await outboxTo('kim@kaffe.example.dk')
    expect(mail.map((m) => m.template)).toEqual(['organisationRegistered', 'organisationApproved'])
    expect(mail[1]!.to_name).toBe('Kim Kaffe')
  })

  it('rejects with a reason: required, e-mailed, and the open invitation stops working', async () => {
    const reg = await callRoute(
      registerPage.action,
      formRequest(
        '/organisations/register',
        registration({
          name: 'Tvivlsomme ApS',
          type: 'employer',
          cvr: '10000017',
          contactEmail: 'boss@tvivl.example.dk',
        }),
      ),
    )
    expect(reg.status).toBe(302)
    const token = tokenIn((await outboxTo('boss@tvivl.example.dk'))[0]!.text_body)
    const org = await database.db
      .selectFrom('organisation')
      .select('id')
      .where('name', '=', 'Tvivlsomme ApS')
      .executeTakeFirstOrThrow()

    const noReason = await callRoute(
      adminOrganisations.action,
      formRequest(
        '/admin/organisations',
        { intent: 'reject', municipalityId: F, organisationId: org.id, reason: '  ' },
        fAdmin.cookie,
      ),
    )
    expect(noReason.status).toBe(400)
    expect(noReason.data.errors[`reason-${org.id}`]).toEqual([
      'pages.admin.organisations.errors.reasonRequired',
    ])

    const res = await callRoute(
      adminOrganisations.action,
      formRequest(
        '/admin/organisations',
        {
          intent: 'reject',
          municipalityId: F,
          organisationId: org.id,
          reason: 'Vi kender ikke virksomheden.',
        },
        fAdmin.cookie,
      ),
    )
    expect(res.status).toBe(302)
    const row = await database.db
      .selectFrom('organisation')
      .select('status')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('suspended')
    const mail = await outboxTo('boss@tvivl.example.dk')
    expect(mail.map((m) => m.template)).toEqual(['organisationRegistered', 'organisationRejected'])
    expect(mail[1]!.text_body).toContain('Vi kender ikke virksomheden.')
    expect(
      (await callRoute(invitationPage.loader, getRequest(`/invitations/${token}`), { token }))
        .status,
    ).toBe(410)
    const [audit] = await auditRows('organisation.rejected', org.id)
    expect(audit).toMatchObject({
      actor_person_id: fAdmin.id,
      municipality_id: F,
      details: { reason: 'Vi kender ikke virksomheden.' },
    })
  })

  it('lets an administrator add an approved organisation directly, inviting its contact', async () => {
    // The administrator's form names the municipality as the page's own; here it is Frederiksberg anyway.
    const fields = registration({
      name: 'Løbeklubben',
      cvr: '10000025',
      contactEmail: 'lea@loeb.example.dk',
      contactName: 'Lea Løber',
    })
    const bad = await callRoute(
      adminOrganisations.action,
      formRequest(
        '/admin/organisations',
        { intent: 'create', ...fields, postalCode: '20' },
        fAdmin.cookie,
      ),
    )
    expect(bad.status).toBe(400)
    expect(bad.data.errors.postalCode).toEqual(['pages.orgRegister.errors.postalCodeInvalid'])
    expect(bad.data.values).toMatchObject({
      name: 'Løbeklubben',
      postalCode: '20',
      cvr: '10000025',
    })

    const res = await callRoute(
      adminOrganisations.action,
      formRequest('/admin/organisations', { intent: 'create', ...fields }, fAdmin.cookie),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe('/admin/organisations?done=created')
    const org = await database.db
      .selectFrom('organisation')
      .select(['id', 'status', 'home_municipality_id'])
      .where('name', '=', 'Løbeklubben')
      .executeTakeFirstOrThrow()
    expect(org).toMatchObject({ status: 'approved', home_municipality_id: F })
    const mail = await outboxTo('lea@loeb.example.dk')
    expect(mail.map((m) => m.template)).toEqual(['invitation'])
    expect(mail[0]!.text_body).toContain(
      'Frida Admin har inviteret dig som koordinator hos Løbeklubben',
    )
    const listed = await callRoute(
      adminOrganisations.loader,
      getRequest('/admin/organisations', fAdmin.cookie),
    )
    expect(listed.data.approved.map((o: { name: string }) => o.name)).toContain('Løbeklubben')
    expect(await auditRows('organisation.created', org.id)).toHaveLength(1)
  })
})
