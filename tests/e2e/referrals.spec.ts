import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, nextTotp } from './demo'
import { checkA11y, expect, test, waitForMail } from './fixtures'

// Issue 6, "Done when": a caseworker registers a citizen, records an assisted consent and refers
// them to the café's buddy project; the café's coordinator accepts; the citizen signs in with an
// access code, sees the referral, the consent and the coordinator's read in "Hvem har set mine
// oplysninger", and withdraws the consent; the coordinator's next request is a 404, the referral
// says it was cancelled because consent was withdrawn, and both staff get the e-mail.

const CASEWORKER = 'sagsbehandler@frederiksberg.example.dk'
const COORDINATOR = 'koordinator@cafe-broen.example.dk'

async function loginWithPassword(page: Page, email: string) {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill(email)
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Log ind' }).last().click()
}

test('A caseworker refers a citizen, the café accepts, and the citizen withdraws consent', async ({
  page,
  browser,
}) => {
  // One long story across three people and three browsers.
  test.setTimeout(120_000)
  const name = `Vibeke ${Date.now() % 100000}`

  // The caseworker, with two-factor.
  await loginWithPassword(page, CASEWORKER)
  await expect(page).toHaveURL(/\/login\/totp/)
  await checkA11y(page)
  await page.getByLabel('Kode', { exact: true }).fill(await nextTotp(CASEWORKER))
  await page.getByRole('button', { name: 'Fortsæt' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Dine borgere og henvisninger' }).click()
  await expect(page).toHaveURL(/\/case$/)
  await checkA11y(page)

  // Registers the citizen.
  await page.getByRole('link', { name: 'Opret en borger' }).first().click()
  await expect(page).toHaveURL(/\/case\/citizens\/new$/)
  await checkA11y(page)
  await page.getByLabel('Navn, som personen vælger').fill(name)
  await page.getByLabel('Fødselsår (valgfrit)').fill('1983')
  await page.getByRole('button', { name: 'Opret borgeren' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(page.getByRole('status')).toContainText('Borgeren er oprettet')
  await checkA11y(page)
  const citizenUrl = page.url()

  // Records an assisted consent naming the café.
  await page.getByRole('link', { name: 'Registrér et samtykke' }).click()
  await expect(page).toHaveURL(/\/consents\/new$/)
  await checkA11y(page)
  await page.getByLabel('Få en følgeven').check()
  await page.getByLabel('Café Broen').check()
  await page.getByLabel('Bydel eller område').check()
  await page.getByLabel('Besked fra sagsbehandleren').check()
  await page.getByLabel('Givet sammen med en medarbejder').check()
  // Without the confirmation the form says what is missing, and keeps the choices.
  await page.getByRole('button', { name: 'Registrér samtykket' }).click()
  await expect(page.getByRole('alert')).toContainText('Bekræft, at borgeren har sagt ja')
  await checkA11y(page)
  await expect(page.getByLabel('Café Broen')).toBeChecked()
  await page.getByLabel('Borgeren har hørt eller læst teksten og sagt ja').check()
  await page.getByRole('button', { name: 'Registrér samtykket' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kvittering for samtykke')
  await expect(page.getByText('Sammen med Karin Sagsbehandler')).toBeVisible()
  await checkA11y(page)

  // Refers the citizen to the café's buddy project.
  await page.goto(citizenUrl)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Henvis', exact: true }).click()
  await expect(page).toHaveURL(/\/case\/referrals\/new\?citizenId=/)
  await checkA11y(page)
  await page.getByLabel('Følgeven', { exact: true }).check()
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: 'Café Broen' })
  await page.getByLabel('Besked til organisationen (valgfrit)').fill('Vil gerne gå ture.')
  await page.getByLabel('Besked fra sagsbehandleren').check()
  await page.getByRole('button', { name: 'Send henvisningen' }).click()
  await expect(page.getByRole('status')).toContainText('Henvisningen er sendt')
  await checkA11y(page)

  // Gives the citizen a code to sign in with.
  await page.goto(`/case/access-codes?q=${encodeURIComponent(name)}`)
  await checkA11y(page)
  await page
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('button', { name: /Lav en/ })
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kode til ${name}`)
  await checkA11y(page)
  const code = (await page.locator('.access-code__code').textContent())?.trim() ?? ''
  expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)

  // The café's coordinator sees it in the inbox and accepts.
  const cafe = await browser.newContext()
  const coordinator = await cafe.newPage()
  await loginWithPassword(coordinator, COORDINATOR)
  await expect(coordinator).toHaveURL(/\/account$/)
  await checkA11y(coordinator)
  await coordinator.getByRole('link', { name: 'Henvisninger til Café Broen' }).click()
  await expect(coordinator).toHaveURL(/\/org\/[\w-]+\/referrals$/)
  await checkA11y(coordinator)
  await coordinator.getByRole('link', { name }).click()
  await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(coordinator.getByText('Vil gerne gå ture.')).toBeVisible()
  await checkA11y(coordinator)
  const referralUrl = coordinator.url()
  await coordinator.getByRole('button', { name: 'Sig ja' }).click()
  await expect(coordinator.getByRole('status')).toContainText('Sagt ja')
  await checkA11y(coordinator)

  // The citizen signs in with the code on their phone.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 } })
  const citizen = await phone.newPage()
  await citizen.goto('/login/code')
  await checkA11y(citizen)
  await citizen.getByLabel('Kode', { exact: true }).fill(code)
  await citizen.getByRole('button', { name: 'Fortsæt' }).click()
  await expect(citizen).toHaveURL(/\/account\/setup/)
  await checkA11y(citizen)
  await citizen.goto('/account')
  await checkA11y(citizen)
  await citizen.getByRole('link', { name: 'Mine sider' }).click()
  await expect(citizen).toHaveURL(/\/me$/)
  await checkA11y(citizen)

  await citizen.getByRole('link', { name: /Mine henvisninger/ }).click()
  await expect(citizen).toHaveURL(/\/me\/referrals$/)
  await expect(citizen.getByRole('heading', { name: 'Café Broen' })).toBeVisible()
  await expect(citizen.getByText('Sagt ja', { exact: true })).toBeVisible()
  await checkA11y(citizen)

  await citizen.goto('/me/log')
  await expect(citizen).toHaveURL(/\/me\/log$/)
  await expect(
    citizen.getByRole('listitem').filter({ hasText: 'Camilla Koordinator' }).filter({
      hasText: 'Din henvisning hos stedet',
    }),
  ).not.toHaveCount(0)
  await checkA11y(citizen)

  await citizen.goto('/me/consents')
  await checkA11y(citizen)
  await citizen.getByRole('link', { name: /Til Café Broen/ }).click()
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mit samtykke')
  await expect(citizen.getByText('Gælder nu')).toBeVisible()
  await checkA11y(citizen)

  // Two taps: the button, then the confirmation that says what will happen.
  await citizen.getByRole('link', { name: 'Træk mit samtykke tilbage' }).click()
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(
    'Vil du trække dit samtykke tilbage?',
  )
  await expect(citizen.getByText('Café Broen kan ikke længere se dine oplysninger.')).toBeVisible()
  await checkA11y(citizen)
  await citizen.getByRole('button', { name: 'Ja, træk det tilbage' }).click()
  await expect(citizen.getByRole('status')).toContainText('Dit samtykke er trukket tilbage')
  await expect(citizen.getByText('Trukket tilbage').first()).toBeVisible()
  await checkA11y(citizen)

  // The coordinator's next request for that citizen is a 404.
  const response = await coordinator.goto(referralUrl)
  expect(response?.status()).toBe(404)
  await checkA11y(coordinator)

  // The referral says why it ended.
  await citizen.goto('/me/referrals')
  await expect(citizen.getByText('Annulleret – samtykke trukket tilbage').first()).toBeVisible()
  await checkA11y(citizen)
  await page.goto(citizenUrl)
  await expect(
    page.getByRole('row').filter({ hasText: 'Café Broen' }).filter({
      hasText: 'Annulleret – samtykke trukket tilbage',
    }),
  ).toHaveCount(1)
  await checkA11y(page)

  // Both staff get the e-mail.
  await waitForMail(
    (m) => m.to.includes(COORDINATOR) && m.subject === 'Et samtykke er trukket tilbage',
  )
  await waitForMail(
    (m) => m.to.includes(CASEWORKER) && m.subject === 'En borger har trukket et samtykke tilbage',
  )
  await phone.close()
  await cafe.close()
})
