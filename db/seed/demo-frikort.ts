import type { Kysely } from 'kysely'
import type { DB, FrikortMatchState } from '../schema.ts'
import { DEMO } from './demo.ts'

// Social free card demo (issue 8): the bike workshop, the laundry as matchmaker, jobs at the
// café, the bike workshop, the laundry and the bakery, decisions and a matchmaking pipeline in
// every state for the Rødovre citizens 07–10 (seeded by demo-citizens.ts; skipped while they
// do not exist), one of them at 85 % of this year's cap. Lars is the demo's own citizen with an
// e-mail address and consent but no decision yet, for trying the caseworker's first step.
// Fixed ids, idempotent; imports nothing through the `~` alias.

const F = (n: number) => `00000000-0000-4000-8f08-${String(n).padStart(12, '0')}`
const P = (n: number) => `00000000-0000-4000-8003-${String(n).padStart(12, '0')}`
const CITIZEN = (n: number) => `00000000-0000-4000-8005-${String(n).padStart(12, '0')}`

export const DEMO_FRIKORT = {
  bikeWorkshop: '00000000-0000-4000-8001-000000000008',
  lars: { personId: F(1), citizenId: F(101), email: 'lars@example.dk' },
  jobs: { cafe: F(301), bike: F(302), laundry: F(303), bakery: F(304), closed: F(305) },
} as const

const day = (date: Date) => date.toISOString().slice(0, 10)
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

export async function seedDemoFrikort(db: Kysely<DB>, now = new Date()): Promise<void> {
  const today = day(now)
  const year = Number(today.slice(0, 4))
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisation')
      .values({
        id: DEMO_FRIKORT.bikeWorkshop,
        name: 'Cykelværkstedet Islev',
        type: 'social_enterprise',
        cvr: '32456707',
        description: 'Genbrugscykler og reparationer. Vi har små job med socialt frikort.',
        email: 'hej@cykelvaerkstedet.example.dk',
        phone: '+45 36 50 60 70',
        street_address: 'Islevbrovej 12',
        postal_code: '2610',
        city: 'Rødovre',
        home_municipality_id: DEMO.rodovre,
        status: 'approved',
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('frikort_matchmaker')
      .values({ organisation_id: DEMO.org.laundry, designated_by: P(4) })
      .onConflict((oc) => oc.column('organisation_id').doNothing())
      .execute()

    // The law's figure for a new year is entered by an administrator (/admin/frikort/caps); the
    // demo carries last year's figure forward so this year's balance can be shown.
    const covering = await trx
      .selectFrom('frikort_cap')
      .select('id')
      .where('valid_from', '<=', today)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
      .executeTakeFirst()
    if (!covering) {
      const latest = await trx
        .selectFrom('frikort_cap')
        .select(['amount_ore', 'valid_to'])
        .orderBy('valid_from', 'desc')
        .executeTakeFirst()
      if (latest && latest.valid_to !== null && latest.valid_to < `${year}-01-01`)
        await trx
          .insertInto('frikort_cap')
          .values({
            valid_from: `${year}-01-01`,
            valid_to: `${year}-12-31`,
            amount_ore: latest.amount_ore,
            entered_by: P(4),
          })
          .execute()
    }

    const job = (
      id: string,
      organisation_id: string,
      title: string,
      tasks: string,
      hours: string,
      place: string,
      pay: number,
      support: string | null,
      contact: string,
      status: 'open' | 'closed' = 'open',
    ) => ({
      id,
      organisation_id,
      title,
      tasks,
      hours,
      place,
      pay_per_hour_ore: pay,
      support_at_work: support,
      contact,
      status,
      created_by: null,
    })
    await trx
      .insertInto('job')
      .values([
        job(
          DEMO_FRIKORT.jobs.cafe,
          DEMO.org.cafe,
          'Opvask og borddækning til fællesspisning',
          'Dække bord, tage opvask og gøre køkkenet klar til næste dag.',
          'Tirsdage kl. 16–20',
          'Café Broen, Godthåbsvej 41, Frederiksberg',
          13000,
          'Camilla viser til rette, og der er altid en fast frivillig i køkkenet.',
          'Camilla, koordinator@cafe-broen.example.dk',
        ),
        job(
          DEMO_FRIKORT.jobs.bike,
          DEMO_FRIKORT.bikeWorkshop,
          'Cykelreparation og oprydning',
          'Skifte slanger, pumpe dæk, vaske cykler og holde værkstedet ryddeligt.',
          'Efter aftale, 3–6 timer om ugen',
          'Islevbrovej 12, Rødovre',
          13500,
          'En mekaniker arbejder sammen med dig de første gange.',
          'Jens, +45 36 50 60 70',
        ),
        job(
          DEMO_FRIKORT.jobs.laundry,
          DEMO.org.laundry,
          'Sortering og foldning af vasketøj',
          'Sortere vasketøj, lægge sammen og pakke til levering.',
          'Mandag og torsdag kl. 9–12',
          'Det Sociale Vaskeri, Islevdalvej 90, Rødovre',
          13000,
          'Faste kolleger, rolige rammer og pauser, når du har brug for dem.',
          'Birgit, job@vaskeriet.example.dk',
        ),
        job(
          DEMO_FRIKORT.jobs.bakery,
          DEMO.org.bakery,
          'Pakning af brød om morgenen',
          'Pakke brød og kager til butikker og café.',
          'Lørdage kl. 6–9',
          'Falkoner Allé 12, Frederiksberg',
          14000,
          null,
          'Peter, ejer@bageriet.example.dk',
        ),
        job(
          DEMO_FRIKORT.jobs.closed,
          DEMO_FRIKORT.bikeWorkshop,
          'Hjælp til cykelauktion',
          'Stille cykler op og hjælpe købere til rette.',
          'Én lørdag i foråret',
          'Islevbrovej 12, Rødovre',
          13500,
          null,
          'Jens, +45 36 50 60 70',
          'closed',
        ),
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()

    // Lars: a Rødovre citizen with e-mail and consent to matchmaking, still without a decision.
    const lars = DEMO_FRIKORT.lars
    await trx
      .insertInto('person')
      .values({
        id: lars.personId,
        email: lars.email,
        display_name: 'Lars',
        contact_preference: 'email',
        email_verified_at: now,
        is_demo: true,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('citizen')
      .values({
        id: lars.citizenId,
        municipality_id: DEMO.rodovre,
        person_id: lars.personId,
        chosen_name: 'Lars',
        created_by: P(3),
        birth_year: 1979,
        contact_preference: 'email',
      })
      .onConflict((oc) => oc.doNothing())
      .execute()
    await trx
      .insertInto('citizen_caseworker')
      .values({ citizen_id: lars.citizenId, person_id: P(3) })
      .onConflict((oc) => oc.doNothing())
      .execute()
    await trx
      .insertInto('consent')
      .values({
        id: F(201),
        citizen_id: lars.citizenId,
        purpose: 'frikort_matchmaking',
        data_categories: ['name', 'frikort'],
        wording_version: 'frikort-2026-1',
        channel: 'assisted',
        assisted_by: P(3),
        recorded_by: P(3),
        given_at: addDays(now, -2),
        expires_at: addDays(now, 365),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('consent_recipient')
      .values([
        { consent_id: F(201), organisation_id: DEMO.org.laundry },
        { consent_id: F(201), organisation_id: DEMO.org.bakery },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute()

    // Citizens 07–10 come from the citizens' seed; each part below waits for its citizen.
    const present = new Set(
      (
        await trx
          .selectFrom('citizen')
          .select('id')
          .where('id', 'in', [7, 8, 9, 10].map(CITIZEN))
          .execute()
      ).map((r) => r.id),
    )
    const decisions = [
      { n: 7, id: F(401), decided: addDays(now, -400), due: addDays(now, 300) },
      { n: 8, id: F(402), decided: addDays(now, -120), due: addDays(now, 240) },
      { n: 9, id: F(403), decided: addDays(now, -60), due: addDays(now, 330) },
      // control due within the reminder window: the hourly job tells the caseworker
      { n: 10, id: F(404), decided: addDays(now, -340), due: addDays(now, 20) },
    ]
    for (const d of decisions) {
      if (!present.has(CITIZEN(d.n))) continue
      await trx
        .insertInto('frikort_decision')
        .values({
          id: d.id,
          citizen_id: CITIZEN(d.n),
          municipality_id: DEMO.rodovre,
          decided_on: day(d.decided),
          decided_by: P(3),
          next_control_due: day(d.due),
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }

    const at = (days: number) => addDays(now, -days)
    const matches: {
      id: string
      n: number
      job: string
      employer: string
      state: FrikortMatchState
      times: Partial<
        Record<'suggested_at' | 'interested_at' | 'trial_at' | 'hired_at' | 'ended_at', Date>
      >
      reason?: 'no_show'
    }[] = [
      {
        id: F(501),
        n: 7,
        job: DEMO_FRIKORT.jobs.laundry,
        employer: DEMO.org.laundry,
        state: 'hired',
        times: {
          suggested_at: at(330),
          interested_at: at(328),
          trial_at: at(320),
          hired_at: at(315),
        },
      },
      {
        id: F(502),
        n: 7,
        job: DEMO_FRIKORT.jobs.bakery,
        employer: DEMO.org.bakery,
        state: 'hired',
        times: {
          suggested_at: at(200),
          interested_at: at(199),
          trial_at: at(190),
          hired_at: at(185),
        },
      },
      {
        id: F(503),
        n: 8,
        job: DEMO_FRIKORT.jobs.bike,
        employer: DEMO_FRIKORT.bikeWorkshop,
        state: 'trial',
        times: { suggested_at: at(20), interested_at: at(18), trial_at: at(5) },
      },
      {
        id: F(504),
        n: 9,
        job: DEMO_FRIKORT.jobs.cafe,
        employer: DEMO.org.cafe,
        state: 'interested',
        times: { interested_at: at(3) },
      },
      {
        id: F(505),
        n: 9,
        job: DEMO_FRIKORT.jobs.laundry,
        employer: DEMO.org.laundry,
        state: 'suggested',
        times: { suggested_at: at(1) },
      },
      {
        id: F(506),
        n: 10,
        job: DEMO_FRIKORT.jobs.bike,
        employer: DEMO_FRIKORT.bikeWorkshop,
        state: 'ended',
        times: { suggested_at: at(60), interested_at: at(58), ended_at: at(40) },
        reason: 'no_show',
      },
      {
        id: F(507),
        n: 10,
        job: DEMO_FRIKORT.jobs.bakery,
        employer: DEMO.org.bakery,
        state: 'suggested',
        times: { suggested_at: at(2) },
      },
    ]
    for (const m of matches) {
      if (!present.has(CITIZEN(m.n))) continue
      const last = Object.values(m.times).sort((a, b) => b.getTime() - a.getTime())[0]!
      await trx
        .insertInto('frikort_match')
        .values({
          id: m.id,
          citizen_id: CITIZEN(m.n),
          job_id: m.job,
          matchmaker_organisation_id: DEMO.org.laundry,
          employer_organisation_id: m.employer,
          state: m.state,
          ...m.times,
          ended_reason: m.reason ?? null,
          created_by: P(9),
          created_at: Object.values(m.times).sort((a, b) => a.getTime() - b.getTime())[0]!,
          updated_at: last,
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }

    // Citizen 07 has earned 85 % of this year's cap at the laundry and the bakery together.
    if (present.has(CITIZEN(7))) {
      const cap = await trx
        .selectFrom('frikort_cap')
        .select('amount_ore')
        .where('valid_from', '<=', today)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
        .executeTakeFirst()
      if (cap) {
        const target = Math.round((cap.amount_ore * 85) / 100)
        const parts = 6
        const yearStart = new Date(`${year}-01-01T00:00:00Z`)
        const span = Math.max(0, Math.floor((now.getTime() - yearStart.getTime()) / 86_400_000))
        const rows = Array.from({ length: parts }, (_, i) => {
          const paid = addDays(yearStart, Math.floor((span * (i + 1)) / (parts + 1)))
          const amount =
            i < parts - 1
              ? Math.floor(target / parts)
              : target - Math.floor(target / parts) * (parts - 1)
          return {
            id: F(601 + i),
            citizen_id: CITIZEN(7),
            employer_organisation_id: i % 3 === 2 ? DEMO.org.bakery : DEMO.org.laundry,
            period_start: day(addDays(paid, -13)),
            period_end: day(paid),
            paid_on: day(paid),
            amount_ore: amount,
            recorded_by: i % 3 === 2 ? P(10) : P(9),
            recorded_at: paid,
          }
        })
        await trx
          .insertInto('frikort_earning')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute()
      }
    }
  })
}
