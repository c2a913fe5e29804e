import { readFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import type { Download, Page } from '@playwright/test'
import { checkA11y, expect, test, waitForMail } from './fixtures.ts'
import { DEMO_PASSWORD, nextTotp } from './demo.ts'

// Reporting back to the municipality (issue 9): the administrator's dashboard with its exports,
// the café's §18 status report from draft to approved, and the council viewer who reads the
// overview without ever seeing a person.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
// Guests who checked in by name in the demo history, and the demo citizens.
const PEOPLE = ['Bente', 'Kurt', 'Mikkel', 'Sanne']

async function logIn(page: Page, email: string, totp: boolean) {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill(email)
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Log ind' }).last().click()
  if (totp) {
    await expect(page).toHaveURL(/\/login\/totp/)
    await checkA11y(page)
    await page.getByLabel('Kode', { exact: true }).fill(await nextTotp(email))
    await page.getByRole('button', { name: 'Fortsæt' }).click()
  }
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
}

/** "1.234" → 1234; "<5" stays text. */
const numberIn = (text: string) => Number(text.trim().replace(/\./g, ''))

async function figure(page: Page, caption: string, row: string): Promise<string> {
  const table = page.getByRole('table', { name: caption })
  return (await table.getByRole('row', { name: row }).getByRole('cell').first().textContent()) ?? ''
}

async function downloaded(page: Page, link: string): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ])
  const path = await (download as Download).path()
  return readFileSync(path)
}

function unzip(buffer: Buffer): Map<string, string> {
  const files = new Map<string, string>()
  let p = 0
  while (buffer.readUInt32LE(p) === 0x04034b50) {
    const size = buffer.readUInt32LE(p + 18)
    const nameLength = buffer.readUInt16LE(p + 26)
    const start = p + 30 + nameLength + buffer.readUInt16LE(p + 28)
    files.set(
      buffer.subarray(p + 30, p + 30 + nameLength).toString('utf8'),
      inflateRawSync(buffer.subarray(start, start + size)).toString('utf8'),
    )
    p = start + size
  }
  return files
}

test('The administrator reads 2025 for one goal, sees a hidden small number, and downloads CSV and XLSX with the same totals', async ({
  page,
}) => {
  await logIn(page, 'admin@frederiksberg.example.dk', true)
  await page.getByRole('link', { name: 'Overblik og rapporter' }).click()
  await expect(page).toHaveURL(/\/reports$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Overblik for Frederiksberg Kommune',
  )
  await checkA11y(page)

  await page.getByRole('radio', { name: 'Et kalenderår' }).check()
  await page.getByLabel('År', { exact: true }).selectOption('2025')
  const goal = page.getByLabel('Mål', { exact: true })
  const goal7 = await goal.locator('option', { hasText: /^7\. / }).getAttribute('value')
  await goal.selectOption(goal7!)
  await page.getByRole('button', { name: 'Vis tallene' }).click()
  await expect(page).toHaveURL(/year=2025.*goal=/)
  await expect(page.getByRole('status').filter({ hasText: 'Tallene gælder 2025' })).toBeVisible()
  await checkA11y(page)

  const overview = 'Nøgletal for aktiviteter'
  await expect(
    page.getByRole('table', { name: overview }).getByRole('cell', { name: '<5', exact: true }),
  ).toBeVisible()
  const sessions = numberIn(await figure(page, overview, 'Gange afholdt'))
  const visits = numberIn(await figure(page, overview, 'Fremmøde (optalt)'))
  expect(sessions).toBeGreaterThan(40)
  expect(visits).toBeGreaterThan(sessions)
  const monthTotal = numberIn(
    (await page
      .getByRole('table', { name: 'Fremmøde måned for måned' })
      .getByRole('row', { name: /^I alt/ })
      .getByRole('cell')
      .nth(1)
      .textContent()) ?? '',
  )
  expect(monthTotal).toBe(visits)

  const csv = (await downloaded(page, 'Hent som CSV (regneark)')).toString('utf8')
  expect(csv.charCodeAt(0)).toBe(0xfeff)
  const lines = csv
    .slice(1)
    .split('\r\n')
    .map((l) => l.split(';'))
  const start = lines.findIndex((l) => l[0] === overview)
  const row = (label: string) => lines.slice(start).find((l) => l[0] === label)!
  expect(Number(row('Gange afholdt')[1])).toBe(sessions)
  expect(Number(row('Fremmøde (optalt)')[1])).toBe(visits)
  expect(row('Forskellige navngivne deltagere')[1]).toBe('<5')
  expect(csv).not.toMatch(UUID)
  for (const name of PEOPLE) expect(csv).not.toContain(name)

  const xlsx = unzip(await downloaded(page, 'Hent som Excel (XLSX)'))
  const sheet = xlsx.get('xl/worksheets/sheet2.xml')!
  expect(sheet).toContain(`<v>${sessions}</v>`)
  expect(sheet).toContain(`<v>${visits}</v>`)
  expect(sheet).toContain('&lt;5')
  const everything = [...xlsx.values()].join('')
  expect(everything).not.toMatch(UUID)
  for (const name of PEOPLE) expect(everything).not.toContain(name)

  await page.getByRole('link', { name: 'Udskriftsvenlig side' }).click()
  await expect(page).toHaveURL(/\/reports\/print\?/)
  await checkA11y(page)
  expect(numberIn(await figure(page, overview, 'Gange afholdt'))).toBe(sessions)
})

test('The café fills in and submits its status report', async ({ page }) => {
  await logIn(page, 'koordinator@cafe-broen.example.dk', false)
  await page.getByRole('link', { name: '§18-statusrapporter – Café Broen' }).click()
  await expect(page).toHaveURL(/\/org\/[^/]+\/reports$/)
  await checkA11y(page)
  await page.getByRole('link', { name: /Følgevenner fra Café Broen.*01\.07\.2022/ }).click()
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]+$/)
  await expect(page.getByRole('table', { name: 'Tal fra platformen for perioden' })).toBeVisible()
  await checkA11y(page)

  await page.getByRole('button', { name: 'Indsend til kommunen' }).click()
  await expect(page.getByRole('alert')).toContainText('Skriv noget her, før rapporten indsendes.')
  await checkA11y(page)

  await page
    .getByLabel('Hvad har I lavet i perioden?')
    .fill('Fællesspisning hver tirsdag, en tur til Louisiana og fast besøg på to væresteder.')
  await page
    .getByLabel('Hvordan er det gået med succeskriterierne?')
    .fill('Opsøgningen er nået 7 af 10 steder; omkring 18 kommer hver gang.')
  await page.getByRole('button', { name: 'Indsend til kommunen' }).click()
  await expect(page).toHaveURL(/done=submitted/)
  await expect(page.getByRole('status')).toHaveText('Rapporten er indsendt til kommunen.')
  await checkA11y(page)
  await waitForMail(
    (m) =>
      m.to.includes('admin@frederiksberg.example.dk') &&
      m.subject === 'Statusrapport indsendt af Café Broen',
  )
})

test("The administrator approves the café's status report", async ({ page }) => {
  await logIn(page, 'admin@frederiksberg.example.dk', true)
  await page.getByRole('link', { name: '§18-statusrapporter fra partnerne' }).click()
  await expect(page).toHaveURL(/\/admin\/reports$/)
  await checkA11y(page)
  await page.getByRole('link', { name: /Følgevenner fra Café Broen.*01\.07\.2022/ }).click()
  await expect(page).toHaveURL(/\/admin\/reports\/[0-9a-f-]+$/)
  await expect(page.getByText('Fællesspisning hver tirsdag, en tur til Louisiana')).toBeVisible()
  await checkA11y(page)
  await page.getByRole('button', { name: 'Godkend rapporten' }).click()
  await expect(page).toHaveURL(/done=approved/)
  await expect(page.getByRole('status')).toHaveText(
    'Rapporten er godkendt, og foreningen har fået besked.',
  )
  await checkA11y(page)
  await waitForMail(
    (m) =>
      m.to.includes('koordinator@cafe-broen.example.dk') &&
      m.subject === 'Statusrapporten er godkendt: Følgevenner fra Café Broen',
  )
})

test('A council member reads the overview and the action plan, comments, and sees no individual', async ({
  page,
}) => {
  await logIn(page, 'raad@frederiksberg.example.dk', false)
  await page.getByRole('link', { name: 'Overblik og rapporter' }).click()
  await expect(page).toHaveURL(/\/reports$/)
  await checkA11y(page)
  await page.getByLabel('År', { exact: true }).selectOption('2025')
  await page.getByRole('button', { name: 'Vis tallene' }).click()
  await expect(page).toHaveURL(/year=2025/)
  await expect(page.getByRole('table', { name: 'Nøgletal for aktiviteter' })).toBeVisible()
  await checkA11y(page)
  const text = (await page.locator('main').textContent()) ?? ''
  for (const name of PEOPLE) expect(text).not.toContain(name)
  await expect(page.getByRole('link', { name: 'Statusrapporter fra partnerne' })).toHaveCount(0)

  await page
    .getByLabel('Skriv en kommentar til tallene')
    .fill('Godt at se så mange til fællesspisning.')
  await page.getByRole('button', { name: 'Gem kommentar' }).click()
  await expect(page).toHaveURL(/done=comment/)
  await expect(page.getByText('Tak. Din kommentar er gemt.')).toBeVisible()
  await checkA11y(page)

  await page.getByRole('link', { name: 'Handleplanens status' }).click()
  await expect(page).toHaveURL(/\/reports\/action-plan/)
  const plan = page.getByRole('table', { name: 'Handleplanens indsatser og deres status' })
  await expect(plan.getByRole('columnheader', { name: 'Indsats og målgruppe' })).toBeVisible()
  await expect(plan.getByText('succeskriterier nået').first()).toBeVisible()
  await checkA11y(page)
  const planText = (await page.locator('main').textContent()) ?? ''
  for (const name of PEOPLE) expect(planText).not.toContain(name)
})
