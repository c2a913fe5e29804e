import type { Browser, Page } from '@playwright/test'
import { DEMO_PASSWORD } from './demo'
import { checkA11y, expect, test, waitForMail } from './fixtures'

// One story, told in order: Mikkel is waiting for a buddy at Café Broen (demo data: an accepted
// buddy referral with consent, and consent to be contacted after the course).
test.describe.configure({ mode: 'serial' })

const CAFE = 'Café Broen'
const DAY = 86_400_000

async function login(page: Page, email: string) {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill(email)
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Log ind' }).last().click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
}

/** A volunteer may have no password: they log in with a link from an e-mail. */
async function loginByLink(page: Page, email: string) {
  await page.goto('/login/magic')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill(email)
  await page.getByRole('button', { name: 'Send mig et link' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se efter i din e-mail')
  await checkA11y(page)
  const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes('logge ind'))
  const link = /https?:\/\/\S+\/login\/magic\/[\w-]+/.exec(mail.text)?.[0]
  await page.goto(link!)
  await checkA11y(page)
  await page.getByRole('button', { name: 'Log ind nu' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })
  return { context, page: await context.newPage() }
}

let buddyName = ''
let buddyEmail = ''

test('The coordinator opens the suggestions for Mikkel and proposes the top volunteer', async ({
  page,
}) => {
  await login(page, 'koordinator@cafe-broen.example.dk')
  await page.getByRole('link', { name: `Buddyforløb hos ${CAFE}` }).click()
  await expect(page).toHaveURL(/\/courses$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Find en buddy til Mikkel' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find en buddy til Mikkel')
  await checkA11y(page)

  // The wishes are filled in with Mikkel on their own page, and sort the suggestions.
  await page.getByRole('link', { name: /(Udfyld|Ret) ønskerne/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Hvad ønsker Mikkel sig af en buddy?',
  )
  await checkA11y(page)
  await page.getByRole('group', { name: 'Interesser' }).getByLabel('Fodbold').check()
  await page.getByRole('button', { name: 'Gem ønskerne' }).click()
  await expect(page.getByRole('status')).toContainText('Ønskerne er gemt')
  await expect(page.getByRole('definition').filter({ hasText: 'fodbold' })).toBeVisible()
  await checkA11y(page)

  const top = page.locator('.suggestion').first()
  buddyName = (await top.getByRole('heading', { level: 3 }).textContent())!.trim()
  await expect(top).toContainText('point')
  await top.getByRole('button', { name: `Foreslå ${buddyName}` }).click()
  await expect(page.getByRole('status')).toContainText('Forslaget er sendt')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forløb med Mikkel')
  await checkA11y(page)
})

test('The volunteer accepts by the link in the e-mail, and Mikkel accepts on his own page: the course starts', async ({
  browser,
}) => {
  const mail = await waitForMail((m) =>
    m.subject.includes(`Et forslag til dig som buddy fra ${CAFE}`),
  )
  buddyEmail = mail.to[0]!
  const link = /https?:\/\/\S+\/volunteer\/buddies\/answer\/[\w-]+/.exec(mail.text)?.[0]
  expect(link).toBeTruthy()

  const volunteer = await newPage(browser)
  await volunteer.page.goto(link!)
  await expect(volunteer.page.getByRole('heading', { level: 1 })).toHaveText('Vil du være buddy?')
  await checkA11y(volunteer.page)
  await volunteer.page.getByLabel('Ja, gerne').check()
  await volunteer.page.getByRole('button', { name: 'Send mit svar' }).click()
  await expect(volunteer.page.getByRole('status')).toContainText('Tak for dit ja')
  await checkA11y(volunteer.page)
  await volunteer.context.close()

  const citizen = await newPage(browser)
  await login(citizen.page, 'mikkel@example.dk')
  await citizen.page.goto('/me/buddy')
  const first = buddyName.split(' ')[0]!
  await expect(citizen.page.getByRole('heading', { level: 2 }).first()).toHaveText(
    `Vil du gerne have ${first} som buddy?`,
  )
  await checkA11y(citizen.page)
  await citizen.page.getByLabel('Ja, gerne').check()
  await citizen.page.getByRole('button', { name: 'Send mit svar' }).click()
  await expect(citizen.page.getByRole('status')).toHaveText('Tak for dit ja.')
  await expect(citizen.page.getByText(`Din buddy er ${first}.`)).toBeVisible()
  await checkA11y(citizen.page)
  await citizen.context.close()
})

test('The buddy logs two meetings and Mikkel rates his progress', async ({ browser }) => {
  const buddy = await newPage(browser)
  await loginByLink(buddy.page, buddyEmail)
  await buddy.page.goto('/volunteer/buddies')
  await checkA11y(buddy.page)
  await buddy.page.getByRole('link', { name: 'Forløb med Mikkel' }).click()
  await expect(buddy.page.getByRole('heading', { level: 1 })).toHaveText('Buddy for Mikkel')
  await checkA11y(buddy.page)
  // The concern form says the buddy does not take over responsibility, with the numbers.
  await expect(buddy.page.getByText('Du overtager ikke ansvaret for borgeren.')).toBeVisible()
  await expect(buddy.page.getByText('ring 112')).toBeVisible()
  await expect(buddy.page.getByText('+45 38 21 40 00')).toBeVisible()

  for (const [type, minutes, note] of [
    ['Fælles aktivitet', '90', 'Gåtur og kaffe'],
    ['Telefon', '20', ''],
  ] as const) {
    await buddy.page.getByLabel(type, { exact: true }).check()
    await buddy.page.getByLabel('Varighed i minutter').fill(minutes)
    await buddy.page.getByLabel('Kort note (valgfri)').fill(note)
    await buddy.page.getByRole('button', { name: 'Gem mødet' }).click()
    await expect(buddy.page.getByRole('status')).toHaveText('Mødet er skrevet ned.')
  }
  await expect(buddy.page.locator('.course-meetings tbody tr')).toHaveCount(2)
  await checkA11y(buddy.page)
  await buddy.context.close()

  const citizen = await newPage(browser)
  await login(citizen.page, 'mikkel@example.dk')
  await citizen.page.goto('/me/buddy')
  await expect(citizen.page.locator('.course-meetings tbody tr')).toHaveCount(2)
  await checkA11y(citizen.page)
  await citizen.page
    .getByRole('group', { name: 'Hvordan går det med de mål, du selv har sat?' })
    .getByLabel('3', { exact: true })
    .check()
  await citizen.page
    .getByRole('group', { name: 'Hvor meget føler du, at du har folk omkring dig?' })
    .getByLabel('2', { exact: true })
    .check()
  await citizen.page.getByRole('button', { name: 'Gem mit svar' }).click()
  await expect(citizen.page.getByRole('status')).toHaveText('Tak. Dit svar er gemt.')
  await expect(citizen.page.getByRole('cell', { name: 'Ved start' })).toBeVisible()
  await checkA11y(citizen.page)
  await citizen.context.close()
})

test('The coordinator closes the course with Mikkel anchored in the Tuesday community dinner, and a follow-up call falls due 4 weeks later', async ({
  page,
}) => {
  await login(page, 'koordinator@cafe-broen.example.dk')
  await page.goto('/account')
  await page.getByRole('link', { name: `Buddyforløb hos ${CAFE}` }).click()
  await expect(page).toHaveURL(/\/courses$/)
  await checkA11y(page)
  await page
    .getByRole('region', { name: /Forløb i gang/ })
    .getByRole('link', { name: 'Mikkel' })
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forløb med Mikkel')
  await expect(page.getByRole('heading', { name: 'Møder (2)' })).toBeVisible()
  await checkA11y(page)

  await page.getByLabel('Målet er nået').check()
  await page.getByLabel('En aktivitet fra kataloget').check()
  await page
    .getByLabel('Aktivitet fra kataloget', { exact: true })
    .selectOption({ label: 'Fællesspisning tirsdag' })
  await page.getByRole('button', { name: 'Afslut forløbet' }).click()
  await expect(page.getByRole('status')).toHaveText('Forløbet er afsluttet.')
  await expect(page.getByText('Fællesspisning tirsdag')).toBeVisible()

  const inFourWeeks = new Intl.DateTimeFormat('da-DK', {
    dateStyle: 'long',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(Date.now() + 28 * DAY))
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Opfølgende opkald efter forløbet' }),
  ).toContainText(`senest ${inFourWeeks}`)
  await checkA11y(page)
})
