import type { Kysely } from 'kysely'
import type { DB, MunicipalRole, OrgRole } from '../../../db/schema.ts'
import { DEMO } from '../../../db/seed/demo.ts'
import { ACCESS_CODE_DAYS } from './constants'
import { formatAccessCode, generateAccessCode } from './codes'
import { encryptSecret, sha256 } from './crypto.server'
import { hashPassword } from './passwords.server'
import { base32Encode } from './totp'

export const DEMO_PASSWORD = 'brobygger-demo-2026'
/** Shared by the demo staff so a person can add it once to an authenticator app. */
export const DEMO_TOTP_SECRET = base32Encode(Buffer.from('brobygger-demo-totp!'))

interface DemoPerson {
  id: string
  email: string | null
  name: string
  role: string
  municipal?: { municipalityId: string; role: MunicipalRole }
  org?: { organisationId: string; role: OrgRole }
  citizenOf?: string
  volunteer?: boolean
  totp?: boolean
}

const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
export const DEMO_PEOPLE: DemoPerson[] = [
  {
    id: P(1),
    email: 'admin@frederiksberg.example.dk',
    name: 'Helle Administrator',
    role: 'administrator (Frederiksberg)',
    municipal: { municipalityId: DEMO.frederiksberg, role: 'administrator' },
    totp: true,
  },
  {
    id: P(2),
    email: 'sagsbehandler@frederiksberg.example.dk',
    name: 'Karin Sagsbehandler',
    role: 'caseworker (Frederiksberg)',
    municipal: { municipalityId: DEMO.frederiksberg, role: 'caseworker' },
    totp: true,
  },
  {
    id: P(3),
    email: 'sagsbehandler@rodovre.example.dk',
    name: 'Rasmus Sagsbehandler',
    role: 'caseworker (Rødovre)',
    municipal: { municipalityId: DEMO.rodovre, role: 'caseworker' },
    totp: true,
  },
  {
    id: P(4),
    email: 'admin@rodovre.example.dk',
    name: 'Rikke Administrator',
    role: 'administrator (Rødovre)',
    municipal: { municipalityId: DEMO.rodovre, role: 'administrator' },
    totp: true,
  },
  {
    id: P(5),
    email: 'raad@frederiksberg.example.dk',
    name: 'Ole fra Rådet',
    role: 'council viewer (Frederiksberg)',
    municipal: { municipalityId: DEMO.frederiksberg, role: 'council_viewer' },
  },
  {
    id: P(6),
    email: 'koordinator@cafe-broen.example.dk',
    name: 'Camilla Koordinator',
    role: 'coordinator (Café Broen)',
    org: { organisationId: DEMO.org.cafe, role: 'coordinator' },
  },
  {
    id: P(7),
    email: 'medarbejder@cafe-broen.example.dk',
    name: 'Jonas Medarbejder',
    role: 'staff (Café Broen)',
    org: { organisationId: DEMO.org.cafe, role: 'staff' },
  },
  {
    id: P(8),
    email: 'koordinator@gadeholdet.example.dk',
    name: 'Ahmed Træner',
    role: 'coordinator (Gadeholdet)',
    org: { organisationId: DEMO.org.streetFootball, role: 'coordinator' },
  },
  {
    id: P(9),
    email: 'job@vaskeriet.example.dk',
    name: 'Birgit Jobformidler',
    role: 'coordinator (Det Sociale Vaskeri, frikort matchmaker)',
    org: { organisationId: DEMO.org.laundry, role: 'coordinator' },
  },
  {
    id: P(10),
    email: 'ejer@bageriet.example.dk',
    name: 'Peter Bager',
    role: 'employer (Bageriet på Hjørnet)',
    org: { organisationId: DEMO.org.bakery, role: 'coordinator' },
  },
  {
    id: P(11),
    email: 'frivillig@example.dk',
    name: 'Sofie Frivillig',
    role: 'volunteer',
    volunteer: true,
  },
  {
    id: P(12),
    email: 'mikkel@example.dk',
    name: 'Mikkel',
    role: 'citizen with e-mail (Frederiksberg)',
    citizenOf: DEMO.frederiksberg,
  },
  {
    id: P(13),
    email: null,
    name: 'Sanne',
    role: 'citizen without e-mail (Frederiksberg)',
    citizenOf: DEMO.frederiksberg,
  },
]

export interface DemoLogin {
  role: string
  email: string | null
  password: string | null
  note?: string
}

/**
 * Demo people for every role. Idempotent: existing demo people are left as they are. Each start
 * issues a fresh access code for the citizen without e-mail (codes are single use).
 */
export async function seedDemoAccounts(db: Kysely<DB>, now = new Date()): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const totpEnc = encryptSecret(DEMO_TOTP_SECRET)
  const accessCode = generateAccessCode()
  await db.transaction().execute(async (trx) => {
    for (const p of DEMO_PEOPLE) {
      await trx
        .insertInto('person')
        .values({
          id: p.id,
          email: p.email,
          display_name: p.name,
          password_hash: p.email ? passwordHash : null,
          totp_secret_enc: p.totp ? totpEnc : null,
          totp_enabled_at: p.totp ? now : null,
          email_verified_at: p.email ? now : null,
          contact_preference: p.email ? 'email' : 'via_caseworker',
          is_demo: true,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      if (p.municipal) {
        await trx
          .insertInto('municipal_role')
          .values({
            person_id: p.id,
            municipality_id: p.municipal.municipalityId,
            role: p.municipal.role,
          })
          .onConflict((oc) => oc.columns(['person_id', 'municipality_id', 'role']).doNothing())
          .execute()
      }
      if (p.org) {
        await trx
          .insertInto('organisation_membership')
          .values({ person_id: p.id, organisation_id: p.org.organisationId, role: p.org.role })
          .onConflict((oc) => oc.columns(['person_id', 'organisation_id']).doNothing())
          .execute()
      }
      if (p.volunteer) {
        await trx
          .insertInto('volunteer_profile')
          .values({ person_id: p.id })
          .onConflict((oc) => oc.column('person_id').doNothing())
          .execute()
      }
      if (p.citizenOf) {
        await trx
          .insertInto('citizen')
          .values({
            municipality_id: p.citizenOf,
            person_id: p.id,
            chosen_name: p.name,
            created_by: P(2),
          })
          .onConflict((oc) => oc.column('person_id').doNothing())
          .execute()
      }
    }
    await trx
      .insertInto('access_code')
      .values({
        code_hash: sha256(accessCode),
        person_id: P(13),
        issued_by: P(2),
        expires_at: new Date(now.getTime() + ACCESS_CODE_DAYS * 86400_000),
      })
      .execute()
  })
  return DEMO_PEOPLE.map((p) => ({
    role: p.role,
    email: p.email,
    password: p.email ? DEMO_PASSWORD : null,
    note: p.totp
      ? `two-factor: the login page shows the current code in demo mode, or add key ${DEMO_TOTP_SECRET} to an authenticator app`
      : p.email
        ? undefined
        : `access code ${formatAccessCode(accessCode)} at /login/code (new code at every demo start)`,
  }))
}
