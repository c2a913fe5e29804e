import type { Browser, Page } from '@playwright/test'
import { DEMO_PASSWORD } from './demo'
import { checkA11y, expect, test, waitForMail } from './fixtures'

// One story, told in order: the steps share an activity with a single place.
test.describe.configure({ mode: 'serial' })

const stamp = Date.now() % 100000
const TITLE = `Bordtennis for alle ${stamp}`
const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']

/** Tomorrow in Copenhagen (yyyy-mm-dd, as a date input takes it) and its weekday (MO…SU). */
function tomorrow() {
  const d = new Date(Date.now() + 86_400_000)
  const local = new Intl.DateTimeFormat('da-DK', {
    timeZone: 'Europe/Copenhagen',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  })
    .formatToParts(d)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {})
  const weekday = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    weekday: 'short',
  }).format(d)
  const index = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday)
  return { date: `${local.year}-${local.month}-${local.day}`, weekday: WEEKDAY_CODES[index]! }
}

async function loginAsFootballCoordinator(page: Page) {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill('koordinator@gadeholdet.example.dk')
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Log ind' }).last().click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
}

async function signUpAsGuest(browser: Browser, name: string, email: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/activities')
  await checkA11y(page)
  await page.getByLabel('Søg efter en aktivitet').fill(TITLE)
  await page.getByRole('button', { name: 'Vis aktiviteter' }).last().click()
  await expect(page).toHaveURL(/\/activities\?/)
  await checkA11y(page)
  await page.getByRole('link', { name: TITLE }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE)
  await checkA11y(page)
  await page
    .getByRole('link', { name: /Tilmeld|Skriv dig på ventelisten/ })
    .first()
    .click()
  await expect(page).toHaveURL(/\/signup/)
  await checkA11y(page)
  await page.getByLabel('Fornavn').fill(name)
  await page.getByLabel('E-mailadresse').fill(email)
  await page.getByLabel('Ja, det må de gerne').check()
  await page.getByRole('button', { name: 'Tilmeld mig' }).click()
  await expect(page).toHaveURL(/\/signups\//)
  await checkA11y(page)
  return { context, page }
}

test('A coordinator posts a weekly activity', async ({ page }) => {
  const { date, weekday } = tomorrow()
  await loginAsFootballCoordinator(page)
  await page.getByRole('link', { name: 'Aktiviteter hos Gadeholdet Frederiksberg' }).click()
  await expect(page).toHaveURL(/\/org\/[\w-]+\/activities$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Opret aktivitet' }).click()
  await expect(page).toHaveURL(/\/activities\/new$/)
  await checkA11y(page)

  await page.getByLabel('Navn på aktiviteten').fill(TITLE)
  await page
    .getByLabel('Beskrivelse')
    .fill('Vi spiller bordtennis i roligt tempo. Bat og bolde er der.')
  await page.getByLabel('Slags aktivitet').selectOption({ label: 'Sport og bevægelse' })
  await page.getByLabel('Hver uge', { exact: true }).check()
  await page.getByLabel('Ugedag').selectOption(weekday)
  await page.getByLabel('Første dato').fill(date)
  await page.getByLabel('Starter kl.').fill('10:00')
  await page.getByLabel('Slutter kl.').fill('11:30')
  await page.getByLabel('Stedets navn').fill('Multisalen')
  await page.getByLabel('Adresse', { exact: true }).fill('Jens Jessens Vej 2')
  await page.getByLabel('Postnummer').fill('2000')
  await page.getByLabel('By', { exact: true }).fill('Frederiksberg')
  await page.getByLabel('Antal pladser').fill('1')
  await page.getByRole('button', { name: 'Udgiv aktiviteten' }).click()

  await expect(page.getByRole('status')).toContainText('Aktiviteten er oprettet.')
  await expect(page.getByRole('heading', { name: 'De næste datoer' })).toBeVisible()
  await checkA11y(page)
})

test('A visitor finds the activity by filter, signs up as a guest, and the next one is waitlisted until a place frees up', async ({
  browser,
}) => {
  // The visitor filters the catalogue by category and day.
  const { weekday } = tomorrow()
  const browse = await browser.newContext()
  const page = await browse.newPage()
  await page.goto('/activities')
  await checkA11y(page)
  // The catalogue is plain HTML: nothing to download or run on a cheap phone.
  await expect(page.locator('script')).toHaveCount(0)
  // On a small screen the choices are folded away until asked for.
  await page.getByText('Flere valg: kommune, område, dag, tid og pris').click()
  await page.getByLabel('Sport og bevægelse').check()
  await page.locator(`input[name="weekday"][value="${weekday}"]`).check()
  await page.getByRole('button', { name: 'Vis aktiviteter' }).last().click()
  await expect(page).toHaveURL(/category=sport/)
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible()
  // The choices in use stay open and say how many there are.
  await expect(page.getByText('Flere valg (2 valgt)')).toBeVisible()
  await checkA11y(page)
  await browse.close()

  const annaEmail = `anna-${stamp}@example.dk`
  const bentEmail = `bent-${stamp}@example.dk`
  const anna = await signUpAsGuest(browser, 'Anna', annaEmail)
  await expect(anna.page.getByRole('main')).toContainText('Du er tilmeldt')

  const bent = await signUpAsGuest(browser, 'Bent', bentEmail)
  await expect(bent.page.getByRole('main')).toContainText(/venteliste(n)? som nr\. 1/)

  // Anna cannot come after all and cancels through her own page.
  await anna.page.getByRole('button', { name: 'Afmeld' }).click()
  await checkA11y(anna.page)
  await anna.page.getByRole('button', { name: 'Ja, meld mig fra' }).click()
  await expect(anna.page.getByRole('main')).toContainText('meldt fra')
  await checkA11y(anna.page)
  await anna.context.close()

  // Bent is offered the place by e-mail and says yes.
  const offer = await waitForMail((m) => m.to.includes(bentEmail) && /plads/i.test(m.subject))
  const link = /https?:\/\/\S+\/signups\/[\w-]+/.exec(offer.text)?.[0]
  expect(link).toBeTruthy()
  await bent.page.goto(link!)
  await checkA11y(bent.page)
  await bent.page.getByRole('button', { name: 'Ja, jeg kommer' }).click()
  await expect(bent.page.getByRole('main')).toContainText('pladsen er din')
  await checkA11y(bent.page)
  await bent.context.close()
})

test('Bent checks in on the kiosk tablet and gives feedback', async ({ page, browser }) => {
  await loginAsFootballCoordinator(page)
  await page.getByRole('link', { name: 'Aktiviteter hos Gadeholdet Frederiksberg' }).click()
  await expect(page).toHaveURL(/\/activities$/)
  await checkA11y(page)
  await page.getByRole('link', { name: TITLE }).click()
  await expect(page.getByRole('heading', { name: 'De næste datoer' })).toBeVisible()
  await checkA11y(page)
  await page.getByRole('table').getByRole('link').first().click()
  await expect(page).toHaveURL(/\/sessions\//)
  await checkA11y(page)
  await page.getByRole('button', { name: 'Åbn kiosk' }).click()
  const kioskLink = page.getByRole('link', { name: /\/kiosk\// })
  await expect(kioskLink).toBeVisible()
  await checkA11y(page)
  const url = (await kioskLink.getAttribute('href'))!

  const tablet = await browser.newContext({
    viewport: { width: 820, height: 1180 },
    hasTouch: true,
  })
  const kiosk = await tablet.newPage()
  try {
    await kiosk.goto(url)
    await checkA11y(kiosk)
    await kiosk.getByRole('button', { name: 'Bent' }).click()
    await expect(kiosk.getByRole('heading', { name: 'Tak! Nu ved vi, at du er her' })).toBeVisible()
    await checkA11y(kiosk)
    await kiosk.getByRole('button', { name: 'Rigtig godt' }).click()
    await expect(kiosk.getByRole('status')).toContainText('Tak for din tilbagemelding!')
    await checkA11y(kiosk)
    // Someone without their name on the list taps "I'm here".
    await kiosk.getByRole('button', { name: 'Jeg er her' }).click()
    await expect(kiosk.getByRole('heading', { name: 'Tak! Nu ved vi, at du er her' })).toBeVisible()
    await checkA11y(kiosk)
  } finally {
    await tablet.close()
  }
})
