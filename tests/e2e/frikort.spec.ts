import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, nextTotp } from './demo'
import { checkA11y, clearMail, expect, test, waitForMail } from './fixtures'

// One story, told in order: Lars (a demo citizen in Rødovre with consent to job matching and no
// decision yet) gets a social free card, a job at the bakery, pay, and the cap warnings.
// The demo carries the last entered cap (42,766 kr.) into the current year; the amounts below
// are chosen against it.
test.describe.configure({ mode: 'serial' })

const stamp = Date.now() % 100000
const TITLE = `Pakning af kager ${stamp}`
const BAKERY = 'Bageriet på Hjørnet ApS'

function today(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())
  return parts
}

async function login(page: Page, email: string, totp = false) {
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

async function openLarsAsBakery(page: Page) {
  await login(page, 'ejer@bageriet.example.dk')
  await page.getByRole('link', { name: `Socialt frikort hos ${BAKERY}` }).click()
  await expect(page).toHaveURL(/\/org\/[\w-]+\/frikort$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Lars', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Løn med socialt frikort: Lars')
  await checkA11y(page)
}

async function logPay(page: Page, amount: string) {
  const day = today()
  await page.getByLabel('Periodens første dag').fill(day)
  await page.getByLabel('Periodens sidste dag').fill(day)
  await page.getByLabel('Udbetalt den').fill(day)
  await page.getByLabel('Beløb i kroner').fill(amount)
  await page.getByRole('button', { name: 'Skriv lønnen ind' }).click()
}

test('A caseworker records the municipality’s decision for Lars', async ({ page }) => {
  await login(page, 'sagsbehandler@rodovre.example.dk', true)
  await page.getByRole('link', { name: 'Socialt frikort (visitation)' }).click()
  await expect(page).toHaveURL(/\/case\/frikort$/)
  await checkA11y(page)
  await page.getByLabel('Borgerens navn').fill('Lars')
  await page.getByRole('button', { name: 'Søg' }).click()
  await expect(page).toHaveURL(/\/case\/frikort\?q=Lars/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Lars', exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Socialt frikort: Lars')
  await checkA11y(page)
  await page.getByRole('button', { name: 'Registrér afgørelsen' }).click()
  await expect(page.getByRole('status')).toHaveText('Afgørelsen er registreret.')
  await expect(page.getByText('Aktiv', { exact: true })).toBeVisible()
  await checkA11y(page)
})

test('An employer posts a frikort job, and a wage-subsidised one is refused', async ({ page }) => {
  await login(page, 'ejer@bageriet.example.dk')
  await page.getByRole('link', { name: `Socialt frikort hos ${BAKERY}` }).click()
  await expect(page).toHaveURL(/\/frikort$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Jeres job' }).click()
  await expect(page).toHaveURL(/\/jobs$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Opret job' }).click()
  await expect(page).toHaveURL(/\/jobs\/new$/)
  await checkA11y(page)

  await page.getByLabel('Jobbets navn').fill(TITLE)
  await page.getByLabel('Opgaver', { exact: true }).fill('Pakke kager i æsker til caféen.')
  await page.getByLabel('Timer', { exact: true }).fill('Fredage kl. 7–10')
  await page.getByLabel('Sted', { exact: true }).fill('Falkoner Allé 12, Frederiksberg')
  await page.getByLabel('Løn i timen i kroner').fill('140')
  await page.getByLabel('Kontakt', { exact: true }).fill('Peter, ejer@bageriet.example.dk')
  await expect(page.getByLabel('Jobbet passer til socialt frikort')).toBeChecked()
  await page.getByLabel('Jobbet er med løntilskud').check()
  await page.getByRole('button', { name: 'Opret jobbet' }).click()
  await expect(page.getByRole('alert')).toContainText(
    'Et job med løntilskud kan ikke bruges med socialt frikort.',
  )
  await expect(page.getByLabel('Jobbets navn')).toHaveValue(TITLE)
  await checkA11y(page)

  await page.getByLabel('Jobbet er med løntilskud').uncheck()
  await page.getByRole('button', { name: 'Opret jobbet' }).click()
  await expect(page.getByRole('status')).toHaveText('Jobbet er oprettet.')
  await checkA11y(page)
  await page.getByRole('link', { name: TITLE }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ret job: ${TITLE}`)
  await expect(page.getByLabel('Løn i timen i kroner')).toHaveValue('140')
  await checkA11y(page)
})

test('The matchmaker moves Lars from suggested to hired', async ({ page }) => {
  await login(page, 'job@vaskeriet.example.dk')
  await page.getByRole('link', { name: 'Socialt frikort hos Det Sociale Vaskeri' }).click()
  await expect(page).toHaveURL(/\/frikort$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Jobformidling: personer og job' }).click()
  await expect(page).toHaveURL(/\/frikort\/matchmaking$/)
  await checkA11y(page)

  await page
    .getByLabel('Person', { exact: true })
    .selectOption({ label: 'Lars – har socialt frikort' })
  await page.getByLabel('Job', { exact: true }).selectOption({ label: `${TITLE} – ${BAKERY}` })
  await page.getByRole('button', { name: 'Foreslå jobbet' }).click()
  await expect(page.getByRole('status')).toHaveText('Forslaget er gemt.')
  await expect(page.getByRole('region', { name: /^Foreslået/ })).toContainText(TITLE)
  await checkA11y(page)

  const steps: [string, RegExp][] = [
    ['Personen er interesseret', /^Interesseret/],
    ['Møde eller prøvetid aftalt', /^Møde eller prøvetid/],
    ['Ansat', /^Ansat/],
  ]
  for (const [step, column] of steps) {
    await page.getByRole('button', { name: `${step} for Lars`, exact: true }).click()
    await expect(page.getByRole('region', { name: column })).toContainText(TITLE)
    await expect(page.getByRole('status')).toHaveText('Forløbet er flyttet.')
    await checkA11y(page)
  }
  await expect(page.getByRole('region', { name: /^Ansat/ })).toContainText(TITLE)
})

test('The employer logs pay and Lars sees his balance', async ({ page }) => {
  await openLarsAsBakery(page)
  await logPay(page, '1.000')
  await expect(page.getByRole('status')).toHaveText('Lønnen er skrevet ind.')
  await checkA11y(page)
  await page.context().clearCookies()

  await page.goto('/login/magic')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill('lars@example.dk')
  await page.getByRole('button', { name: 'Send mig et link' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se efter i din e-mail')
  await expect(page).toHaveURL(/\/login\/magic\?index$/)
  await checkA11y(page)
  const mail = await waitForMail(
    (m) => m.to.includes('lars@example.dk') && m.subject.includes('logge ind'),
  )
  const link = /https?:\/\/\S+\/login\/magic\/[\w-]+/.exec(mail.text)?.[0]
  expect(link).toBeTruthy()
  await page.goto(link!)
  await checkA11y(page)
  await page.getByRole('button', { name: 'Log ind nu' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Mit sociale frikort' }).click()
  await expect(page).toHaveURL(/\/me\/frikort$/)
  const balance = page.getByRole('region', { name: /^Det har du tjent i/ })
  await expect(balance).toContainText('1.000 kr.')
  await expect(balance).toContainText('41.766 kr.')
  await expect(page.getByRole('main')).toContainText(TITLE)
  await checkA11y(page)
})

test('Passing 80 % of the cap e-mails Lars and his caseworker', async ({ page }) => {
  await openLarsAsBakery(page)
  await logPay(page, '34.000')
  await expect(page.getByRole('status')).toHaveText('Lønnen er skrevet ind.')
  await checkA11y(page)
  const toLars = await waitForMail(
    (m) => m.to.includes('lars@example.dk') && m.subject.includes('80 %'),
  )
  expect(toLars.text).toContain('7.766')
  const toCaseworker = await waitForMail(
    (m) =>
      m.to.includes('sagsbehandler@rodovre.example.dk') &&
      m.subject.startsWith('Lars har brugt 80 %'),
  )
  expect(toCaseworker.text).toContain('35.000')
})

test('An entry passing the cap is refused with the remaining amount, and the part that fits can be recorded', async ({
  page,
}) => {
  await openLarsAsBakery(page)
  await logPay(page, '10.000')
  await expect(page.getByRole('alert')).toContainText('Der er 7.766 kr. tilbage.')
  await checkA11y(page)
  await page.getByRole('button', { name: 'Skriv 7.766 kr. ind' }).click()
  await expect(page.getByRole('status')).toHaveText('Lønnen er skrevet ind.')
  await expect(page.getByRole('region', { name: /^Beløbsgrænsen i/ })).toContainText('100 %')
  await checkA11y(page)
  await waitForMail((m) => m.to.includes('lars@example.dk') && m.subject.includes('nået'))
})

test('Lars finds a job, says he is interested, and reads the explainers', async ({ page }) => {
  await clearMail()
  await page.goto('/login/magic')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill('lars@example.dk')
  await page.getByRole('button', { name: 'Send mig et link' }).click()
  await expect(page).toHaveURL(/\/login\/magic\?index$/)
  await checkA11y(page)
  const mail = await waitForMail(
    (m) => m.to.includes('lars@example.dk') && m.subject.includes('logge ind'),
  )
  await page.goto(/https?:\/\/\S+\/login\/magic\/[\w-]+/.exec(mail.text)![0])
  await checkA11y(page)
  await page.getByRole('button', { name: 'Log ind nu' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
  await page.goto('/jobs')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Job med socialt frikort')
  await checkA11y(page)
  await page.getByRole('link', { name: 'Opvask og borddækning til fællesspisning' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Opvask og borddækning til fællesspisning',
  )
  await checkA11y(page)
  await page.getByRole('button', { name: 'Jeg er interesseret' }).click()
  await expect(page.getByRole('status')).toContainText('Jobformidleren ved nu')
  await checkA11y(page)
  await page.getByRole('link', { name: /til dig, der arbejder/ }).click()
  await expect(page).toHaveURL(/\/frikort\/borger$/)
  await expect(page.getByRole('main')).toContainText('Socialtfrikort.dk')
  await checkA11y(page)
  await page.getByRole('link', { name: 'Til arbejdsgivere: sådan gør I' }).click()
  await expect(page).toHaveURL(/\/frikort\/arbejdsgiver$/)
  await expect(page.getByRole('main')).toContainText('skal ikke indberettes til eIndkomst')
  await checkA11y(page)
})

test('An administrator sees the yearly caps', async ({ page }) => {
  await login(page, 'admin@rodovre.example.dk', true)
  await page.getByRole('link', { name: 'Beløbsgrænser for socialt frikort' }).click()
  await expect(page).toHaveURL(/\/admin\/frikort\/caps$/)
  await expect(page.getByRole('table')).toContainText('42.766 kr.')
  await expect(page.getByRole('table')).toContainText('20.000 kr.')
  await checkA11y(page)
})
