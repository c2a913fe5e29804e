import type { Kysely } from 'kysely'
import type { DataCategory, DB, ReferralKind, ReferralState } from '../schema.ts'
import { DEMO } from './demo.ts'

// Demo citizens with consents and referrals in every state (issue 6, the demo data contract).
// Fixed ids, so a second run inserts nothing twice. Imports nothing through the `~` alias.

const id = (block: string, n: number) =>
  `00000000-0000-4000-${block}-${String(n).padStart(12, '0')}`
const C = (n: number) => id('8005', n)
const K = (n: number) => id('8006', n)
const R = (n: number) => id('8007', n)
const P = (n: number) => id('8003', n)

export const DEMO_CITIZENS = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [String(i + 1).padStart(2, '0'), C(i + 1)]),
) as Record<string, string>

const DAY = 86_400_000
const CASEWORKER: Record<string, string> = { [DEMO.frederiksberg]: P(2), [DEMO.rodovre]: P(3) }

interface DemoCitizen {
  n: number
  name: string
  municipality: string
  area: string
  birthYear: number
  language?: 'da' | 'en'
  email?: string
  phone?: string
  safety?: boolean
}

const citizens: DemoCitizen[] = [
  { n: 1, name: 'Jens', municipality: DEMO.frederiksberg, area: 'nord', birthYear: 1968 },
  {
    n: 2,
    name: 'Lone',
    municipality: DEMO.frederiksberg,
    area: 'syd',
    birthYear: 1979,
    email: 'lone@example.dk',
  },
  {
    n: 3,
    name: 'Karim',
    municipality: DEMO.frederiksberg,
    area: 'vest',
    birthYear: 1990,
    language: 'en',
    phone: '+45 20 11 22 33',
  },
  { n: 4, name: 'Birthe', municipality: DEMO.frederiksberg, area: 'oest', birthYear: 1955 },
  {
    n: 5,
    name: 'Tobias',
    municipality: DEMO.frederiksberg,
    area: 'frederiksberg-c',
    birthYear: 1998,
    email: 'tobias@example.dk',
  },
  { n: 6, name: 'Mona', municipality: DEMO.frederiksberg, area: 'nord', birthYear: 1984 },
  { n: 7, name: 'Per', municipality: DEMO.rodovre, area: 'centrum', birthYear: 1975 },
  {
    n: 8,
    name: 'Aisha',
    municipality: DEMO.rodovre,
    area: 'islev',
    birthYear: 1993,
    phone: '+45 30 44 55 66',
  },
  {
    n: 9,
    name: 'Henrik',
    municipality: DEMO.rodovre,
    area: 'valhoej',
    birthYear: 1970,
    email: 'henrik@example.dk',
  },
  { n: 10, name: 'Sara', municipality: DEMO.rodovre, area: 'rodovre-nord', birthYear: 2001 },
  {
    n: 11,
    name: 'Maria',
    municipality: DEMO.frederiksberg,
    area: 'syd',
    birthYear: 1987,
    phone: '+45 40 12 12 12',
    safety: true,
  },
  {
    n: 12,
    name: 'Ole',
    municipality: DEMO.frederiksberg,
    area: 'vest',
    birthYear: 1962,
    email: 'ole@example.dk',
  },
]

interface DemoReferral {
  n: number
  citizen: string
  municipality: string
  org: string
  kind: ReferralKind
  consent: string
  shared: DataCategory[]
  state: ReferralState
  sentDaysAgo: number
  reason?: string
  note?: string
}

export async function seedDemoCitizens(db: Kysely<DB>, now = new Date()): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  await db.transaction().execute(async (trx) => {
    const areas = await trx.selectFrom('area').select(['id', 'municipality_id', 'slug']).execute()
    const areaId = (m: string, slug: string) =>
      areas.find((a) => a.municipality_id === m && a.slug === slug)?.id ?? null

    for (const c of citizens) {
      await trx
        .insertInto('citizen')
        .values({
          id: C(c.n),
          municipality_id: c.municipality,
          chosen_name: c.name,
          birth_year: c.birthYear,
          language: c.language ?? 'da',
          area_id: areaId(c.municipality, c.area),
          contact_preference: c.email ? 'email' : c.phone ? 'phone' : 'via_caseworker',
          email: c.email ?? null,
          phone: c.phone ?? null,
          address: c.safety ? 'Adressen kendes af sagsbehandleren' : null,
          safety_flag: c.safety ?? false,
          created_by: CASEWORKER[c.municipality],
          created_at: ago(90),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      await trx
        .insertInto('citizen_caseworker')
        .values({ citizen_id: C(c.n), person_id: CASEWORKER[c.municipality]!, added_at: ago(90) })
        .onConflict((oc) => oc.columns(['citizen_id', 'person_id']).doNothing())
        .execute()
    }
    // Sensitive target groups: tags for municipal staff only.
    const groups = await trx.selectFrom('target_group').select(['id', 'code']).execute()
    const group = (code: string) => groups.find((g) => g.code === code)?.id
    for (const [n, code] of [
      [1, 'loneliness'],
      [3, 'mental_illness'],
      [7, 'long_term_unemployed'],
      [11, 'violence'],
    ] as const) {
      const g = group(code)
      if (g)
        await trx
          .insertInto('citizen_target_group')
          .values({ citizen_id: C(n), target_group_id: g })
          .onConflict((oc) => oc.columns(['citizen_id', 'target_group_id']).doNothing())
          .execute()
    }

    // The demo logins Mikkel (P12, with e-mail) and Sanne (P13, access code only).
    const mikkel = await trx
      .selectFrom('citizen')
      .select('id')
      .where('person_id', '=', P(12))
      .executeTakeFirst()
    const sanne = await trx
      .selectFrom('citizen')
      .select('id')
      .where('person_id', '=', P(13))
      .executeTakeFirst()
    if (mikkel) {
      await trx
        .updateTable('citizen')
        .set({ contact_preference: 'email', email: 'mikkel@example.dk', birth_year: 1991 })
        .where('id', '=', mikkel.id)
        .where('email', 'is', null)
        .execute()
      await trx
        .insertInto('citizen_caseworker')
        .values({ citizen_id: mikkel.id, person_id: P(2), added_at: ago(40) })
        .onConflict((oc) => oc.columns(['citizen_id', 'person_id']).doNothing())
        .execute()
    }
    if (sanne)
      await trx
        .insertInto('citizen_caseworker')
        .values({ citizen_id: sanne.id, person_id: P(2), added_at: ago(10) })
        .onConflict((oc) => oc.columns(['citizen_id', 'person_id']).doNothing())
        .execute()

    const consents: {
      n: number
      citizen: string | undefined
      purpose: 'referral' | 'buddy_match' | 'frikort_matchmaking'
      categories: DataCategory[]
      recipients: string[]
      channel: 'digital' | 'assisted' | 'paper' | 'oral'
      caseworker: string
      givenDaysAgo: number
      expiresInDays: number
      withdrawnDaysAgo?: number
    }[] = [
      ...[1, 2, 3, 4, 5, 6].map((n) => ({
        n,
        citizen: C(n),
        purpose: 'buddy_match' as const,
        categories: ['name', 'area', 'language', 'birth_year', 'referral_note'] as DataCategory[],
        recipients: [DEMO.org.cafe],
        channel: n % 2 ? ('assisted' as const) : ('paper' as const),
        caseworker: P(2),
        givenDaysAgo: 30 + n * 5,
        // Birthe's consent runs out within the month: the caseworker is warned.
        expiresInDays: n === 4 ? 20 : 300,
      })),
      ...[7, 8, 9, 10].map((n) => ({
        n,
        citizen: C(n),
        purpose: 'frikort_matchmaking' as const,
        categories: ['name', 'language', 'frikort', 'contact'] as DataCategory[],
        recipients: [DEMO.org.laundry, DEMO.org.bakery],
        channel: 'assisted' as const,
        caseworker: P(3),
        givenDaysAgo: 40 + n,
        expiresInDays: 320,
      })),
      {
        n: 11,
        citizen: C(11),
        purpose: 'referral',
        categories: ['name', 'language', 'contact'],
        recipients: [DEMO.org.sportsClub],
        channel: 'oral',
        caseworker: P(2),
        givenDaysAgo: 15,
        expiresInDays: 350,
      },
      {
        n: 12,
        citizen: C(12),
        purpose: 'buddy_match',
        categories: ['name', 'area', 'language'],
        recipients: [DEMO.org.cafe],
        channel: 'assisted',
        caseworker: P(2),
        givenDaysAgo: 25,
        expiresInDays: 340,
        withdrawnDaysAgo: 5,
      },
      {
        n: 13,
        citizen: mikkel?.id,
        purpose: 'referral',
        categories: ['name', 'birth_year', 'contact', 'referral_note'],
        recipients: [DEMO.org.streetFootball],
        channel: 'assisted',
        caseworker: P(2),
        givenDaysAgo: 12,
        expiresInDays: 353,
      },
      {
        n: 14,
        citizen: sanne?.id,
        purpose: 'buddy_match',
        categories: ['name', 'language'],
        recipients: [DEMO.org.cafe],
        channel: 'assisted',
        caseworker: P(2),
        givenDaysAgo: 3,
        expiresInDays: 362,
      },
    ]
    for (const k of consents) {
      if (!k.citizen) continue
      const inserted = await trx
        .insertInto('consent')
        .values({
          id: K(k.n),
          citizen_id: k.citizen,
          purpose: k.purpose,
          data_categories: k.categories,
          wording_version: '2026-11',
          channel: k.channel,
          assisted_by: k.channel === 'digital' ? null : k.caseworker,
          recorded_by: k.caseworker,
          given_at: ago(k.givenDaysAgo),
          expires_at: new Date(now.getTime() + k.expiresInDays * DAY),
          withdrawn_at: k.withdrawnDaysAgo ? ago(k.withdrawnDaysAgo) : null,
          withdrawn_by: k.withdrawnDaysAgo ? k.caseworker : null,
          withdrawal_channel: k.withdrawnDaysAgo ? 'oral' : null,
          created_at: ago(k.givenDaysAgo),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) continue
      await trx
        .insertInto('consent_recipient')
        .values(k.recipients.map((o) => ({ consent_id: K(k.n), organisation_id: o })))
        .execute()
    }

    const f = DEMO.frederiksberg
    const referrals: DemoReferral[] = [
      ...[1, 2, 3, 4].map((n) => ({
        n,
        citizen: C(n),
        municipality: f,
        org: DEMO.org.cafe,
        kind: 'buddy' as const,
        consent: K(n),
        shared: ['name', 'area', 'language', 'birth_year', 'referral_note'] as DataCategory[],
        state: 'accepted' as const,
        sentDaysAgo: 20 + n * 3,
        note: 'Vil gerne have én at gå tur og drikke kaffe med.',
      })),
      {
        n: 5,
        citizen: C(5),
        municipality: f,
        org: DEMO.org.cafe,
        kind: 'buddy',
        consent: K(5),
        shared: ['name', 'area', 'language'],
        state: 'sent',
        sentDaysAgo: 2,
      },
      {
        n: 6,
        citizen: C(6),
        municipality: f,
        org: DEMO.org.cafe,
        kind: 'buddy',
        consent: K(6),
        shared: ['name', 'area'],
        state: 'declined',
        sentDaysAgo: 30,
        reason: 'Vi har ingen ledige følgevenner i Nord lige nu. Prøv igen efter nytår.',
      },
      ...[7, 8, 9, 10].map((n) => ({
        n,
        citizen: C(n),
        municipality: DEMO.rodovre,
        org: DEMO.org.laundry,
        kind: 'frikort' as const,
        consent: K(n),
        shared: ['name', 'language', 'frikort', 'contact'] as DataCategory[],
        state: n % 2 ? ('in_progress' as const) : ('accepted' as const),
        sentDaysAgo: 30 + n,
      })),
      {
        n: 11,
        citizen: C(11),
        municipality: f,
        org: DEMO.org.sportsClub,
        kind: 'organisation',
        consent: K(11),
        shared: ['name', 'language', 'contact'],
        state: 'accepted',
        sentDaysAgo: 10,
      },
      {
        n: 12,
        citizen: C(12),
        municipality: f,
        org: DEMO.org.cafe,
        kind: 'buddy',
        consent: K(12),
        shared: ['name', 'area'],
        state: 'cancelled',
        sentDaysAgo: 20,
        reason: 'consent_withdrawn',
      },
      ...(mikkel
        ? [
            {
              n: 13,
              citizen: mikkel.id,
              municipality: f,
              org: DEMO.org.streetFootball,
              kind: 'organisation' as const,
              consent: K(13),
              shared: ['name', 'birth_year', 'referral_note'] as DataCategory[],
              state: 'accepted' as const,
              sentDaysAgo: 12,
              note: 'Mikkel har spillet fodbold før og vil gerne i gang igen.',
            },
          ]
        : []),
    ]
    for (const r of referrals) {
      const consentExists = await trx
        .selectFrom('consent')
        .select('id')
        .where('id', '=', r.consent)
        .executeTakeFirst()
      if (!consentExists) continue
      const sentAt = ago(r.sentDaysAgo)
      const answeredAt = new Date(sentAt.getTime() + 2 * DAY)
      const closed = ['declined', 'cancelled', 'completed', 'expired'].includes(r.state)
      const inserted = await trx
        .insertInto('referral')
        .values({
          id: R(r.n),
          citizen_id: r.citizen,
          municipality_id: r.municipality,
          caseworker_id: CASEWORKER[r.municipality],
          to_organisation_id: r.org,
          kind: r.kind,
          consent_id: r.consent,
          shared_categories: r.shared,
          note: r.note ?? null,
          state: r.state,
          state_reason: r.reason ?? null,
          sent_at: sentAt,
          deadline_at: new Date(sentAt.getTime() + 14 * DAY),
          answered_at: r.state === 'sent' ? null : answeredAt,
          closed_at: closed ? (r.reason === 'consent_withdrawn' ? ago(5) : answeredAt) : null,
          updated_at: r.state === 'sent' ? sentAt : answeredAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) continue
      const event = (type: ReferralState, at: Date, by: string, actor: string | null, extra = {}) =>
        trx
          .insertInto('event')
          .values({
            occurred_at: at,
            municipality_id: r.municipality,
            actor_person_id: actor,
            entity_type: 'referral',
            entity_id: R(r.n),
            type: `referral.${type}`,
            data: JSON.stringify({ to: type, by, ...extra }),
          })
          .execute()
      const caseworker = CASEWORKER[r.municipality]!
      await event('sent', sentAt, 'caseworker', caseworker)
      if (r.state === 'in_progress') {
        await event('accepted', answeredAt, 'organisation', null)
        await event('in_progress', new Date(answeredAt.getTime() + DAY), 'organisation', null)
      } else if (r.state === 'cancelled' && r.reason === 'consent_withdrawn') {
        await event('accepted', answeredAt, 'organisation', null)
        await event('cancelled', ago(5), 'caseworker', caseworker, {
          reasonCode: 'consent_withdrawn',
        })
      } else if (r.state !== 'sent') {
        await event(r.state, answeredAt, 'organisation', null)
      }
    }
  })
}
