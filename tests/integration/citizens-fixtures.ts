import type { Database } from '~/db.server'
import * as newCitizen from '~/routes/case.citizens.new'
import * as newConsent from '~/routes/case.citizens.$citizenId.consents.new'
import * as newReferral from '~/routes/case.referrals.new'
import { DEMO, seedDemo } from '../../db/seed/demo.ts'
import { callRoute, createPerson, formRequest, sessionCookieFor } from './../setup/auth.ts'

// The people and steps the citizen, consent and referral tests share: two municipalities'
// caseworkers, the café's and the football club's coordinators and staff, and the caseworker's
// three forms (register, consent, refer) driven through their routes.

export interface World {
  db: Database['db']
  karin: { id: string; cookie: string }
  karin2: { id: string; cookie: string }
  rasmus: { id: string; cookie: string }
  camilla: { id: string; cookie: string }
  jonas: { id: string; cookie: string }
  ahmed: { id: string; cookie: string }
}

let n = 0

export async function makeWorld(database: Database): Promise<World> {
  const db = database.db
  await seedDemo(db)
  const person = async (options: Parameters<typeof createPerson>[1]) => {
    const p = await createPerson(db, options)
    return { id: p.id, cookie: await sessionCookieFor(db, p.id) }
  }
  const tag = `${process.pid}-${++n}`
  return {
    db,
    karin: await person({
      name: 'Karin Sagsbehandler',
      email: `karin-${tag}@frederiksberg.example.dk`,
      municipalRoles: [{ municipalityId: DEMO.frederiksberg, role: 'caseworker' }],
    }),
    karin2: await person({
      name: 'Kim Kollega',
      email: `kim-${tag}@frederiksberg.example.dk`,
      municipalRoles: [{ municipalityId: DEMO.frederiksberg, role: 'caseworker' }],
    }),
    rasmus: await person({
      name: 'Rasmus Sagsbehandler',
      email: `rasmus-${tag}@rodovre.example.dk`,
      municipalRoles: [{ municipalityId: DEMO.rodovre, role: 'caseworker' }],
    }),
    camilla: await person({
      name: 'Camilla Koordinator',
      email: `camilla-${tag}@cafe.example.dk`,
      orgRoles: [{ organisationId: DEMO.org.cafe, role: 'coordinator' }],
    }),
    jonas: await person({
      name: 'Jonas Medarbejder',
      email: `jonas-${tag}@cafe.example.dk`,
      orgRoles: [{ organisationId: DEMO.org.cafe, role: 'staff' }],
    }),
    ahmed: await person({
      name: 'Ahmed Træner',
      email: `ahmed-${tag}@gadeholdet.example.dk`,
      orgRoles: [{ organisationId: DEMO.org.streetFootball, role: 'coordinator' }],
    }),
  }
}

export async function registerCitizen(
  cookie: string,
  fields: Partial<Record<string, string>> & { chosenName: string },
): Promise<string> {
  const res = await callRoute(
    newCitizen.action,
    formRequest(
      '/case/citizens/new',
      { contactPreference: 'via_caseworker', language: 'da', ...fields } as Record<string, string>,
      cookie,
    ),
  )
  if (res.status !== 302) throw new Error(`register: ${res.status} ${JSON.stringify(res.data)}`)
  return /\/case\/citizens\/([\w-]+)/.exec(res.location!)![1]!
}

export async function recordConsent(
  cookie: string,
  citizenId: string,
  options: { recipients?: string[]; categories?: string[]; purpose?: string } = {},
): Promise<string> {
  const body = new URLSearchParams({
    purpose: options.purpose ?? 'buddy_match',
    channel: 'assisted',
    months: '12',
    confirmed: 'yes',
  })
  for (const r of options.recipients ?? [DEMO.org.cafe]) body.append('recipients', r)
  for (const c of options.categories ?? ['name', 'area', 'language', 'referral_note'])
    body.append('categories', c)
  const request = new Request(`http://localhost/case/citizens/${citizenId}/consents/new`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      Cookie: cookie,
    },
    body: body.toString(),
  })
  const res = await callRoute(newConsent.action, request, { citizenId })
  if (res.status !== 302) throw new Error(`consent: ${res.status} ${JSON.stringify(res.data)}`)
  return /consents\/([\w-]+)/.exec(res.location!)![1]!
}

export function referralRequest(
  cookie: string,
  fields: Record<string, string>,
  categories: string[] = ['name', 'area'],
): Request {
  const body = new URLSearchParams({ kind: 'buddy', deadlineDays: '14', ...fields })
  for (const c of categories) body.append('categories', c)
  return new Request('http://localhost/case/referrals/new', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      Cookie: cookie,
    },
    body: body.toString(),
  })
}

export async function refer(
  cookie: string,
  fields: Record<string, string>,
  categories?: string[],
): Promise<string> {
  const res = await callRoute(newReferral.action, referralRequest(cookie, fields, categories))
  if (res.status !== 302) throw new Error(`refer: ${res.status} ${JSON.stringify(res.data)}`)
  return /\/case\/referrals\/([\w-]+)/.exec(res.location!)![1]!
}

export { formRequest }
