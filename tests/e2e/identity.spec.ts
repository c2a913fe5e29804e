import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, nextTotp } from './demo'
import { checkA11y, expect, test, waitForMail } from './fixtures'

// Each journey uses its own demo account: two-factor codes are single use, and the lockout
// journey must not lock anyone else out.

async function loginWithPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill(email)
  await page.getByLabel('Adgangskode', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Log ind' }).last().click()
}

test('A caseworker logs in with a password and a code from the authenticator app', async ({
  page,
}) => {
  await loginWithPassword(page, 'sagsbehandler@rodovre.example.dk')
  await expect(page).toHaveURL(/\/login\/totp/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skriv koden fra din app')
  await checkA11y(page)

  // A wrong code is refused next to the field.
  await page.getByLabel('Kode', { exact: true }).fill('000000')
  await page.getByRole('button', { name: 'Fortsæt' }).click()
  await expect(page.getByRole('alert')).toContainText('Koden er forkert')
  await checkA11y(page)

  await page
    .getByLabel('Kode', { exact: true })
    .fill(await nextTotp('sagsbehandler@rodovre.example.dk'))
  await page.getByRole('button', { name: 'Fortsæt' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej Rasmus Sagsbehandler')
  await expect(page.getByRole('main')).toContainText('sagsbehandler – Rødovre Kommune')
  // Signed in, the header offers the person's own page instead of "Log ind".
  const nav = page.getByRole('navigation', { name: 'Hovedmenu' })
  await expect(nav.getByRole('link', { name: 'Min side' })).toHaveAttribute('href', '/account')
  await expect(nav.getByRole('link', { name: 'Log ind' })).toHaveCount(0)
  await checkA11y(page)
})

test('A caseworker gives a citizen a code, and the citizen signs in with it and sets a PIN', async ({
  page,
  browser,
}) => {
  // The caseworker, signed in with two-factor, creates a citizen and a code.
  await loginWithPassword(page, 'sagsbehandler@frederiksberg.example.dk')
  await expect(page).toHaveURL(/\/login\/totp/)
  await checkA11y(page)
  await page
    .getByLabel('Kode', { exact: true })
    .fill(await nextTotp('sagsbehandler@frederiksberg.example.dk'))
  await page.getByRole('button', { name: 'Fortsæt' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
  await page.getByRole('link', { name: 'Giv en borger en kode til at logge ind' }).click()
  await expect(page).toHaveURL(/\/case\/access-codes/)
  await checkA11y(page)
  const name = `Lise ${Date.now() % 100000}`
  await page.getByLabel('Navn, som personen vælger').fill(name)
  await page.getByRole('button', { name: 'Opret' }).click()
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(1)
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

  // The citizen, on their own phone.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 } })
  const citizen = await phone.newPage()
  try {
    await citizen.goto('/login')
    await checkA11y(citizen)
    await citizen.getByRole('link', { name: 'Jeg har fået en kode af min kontaktperson' }).click()
    await expect(citizen).toHaveURL(/\/login\/code/)
    await checkA11y(citizen)
    await citizen.getByLabel('Kode', { exact: true }).fill(code.toLowerCase())
    await citizen.getByRole('button', { name: 'Fortsæt' }).click()
    await expect(citizen).toHaveURL(/\/account\/setup/)
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(`Velkommen, ${name}`)
    await checkA11y(citizen)

    // A PIN that is too easy is refused, then a good one is saved.
    await citizen.getByLabel('Pinkode', { exact: true }).fill('1234')
    await citizen.getByLabel('Skriv pinkoden igen').fill('1234')
    await citizen.getByRole('button', { name: 'Gem pinkoden' }).click()
    await expect(citizen.getByRole('alert')).toContainText('for nem at gætte')
    await checkA11y(citizen)
    await citizen.getByLabel('Pinkode', { exact: true }).fill('4862')
    await citizen.getByLabel('Skriv pinkoden igen').fill('4862')
    await citizen.getByRole('button', { name: 'Gem pinkoden' }).click()
    await expect(citizen.getByRole('heading', { name: 'Din pinkode er gemt' })).toBeVisible()
    await checkA11y(citizen)

    // Log out; next time the phone asks only for the PIN.
    await citizen.goto('/account')
    await checkA11y(citizen)
    await citizen.getByRole('button', { name: 'Log ud' }).click()
    await expect(citizen).toHaveURL(/loggedOut=1/)
    await checkA11y(citizen)
    await citizen.goto('/login')
    await expect(citizen.getByRole('heading', { name: `Log ind som ${name}` })).toBeVisible()
    await checkA11y(citizen)
    await citizen.getByLabel('Din pinkode').fill('4862')
    await citizen.getByRole('button', { name: 'Log ind' }).first().click()
    await expect(citizen).toHaveURL(/\/account$/)
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(`Hej ${name}`)
    await checkA11y(citizen)

    // The code was single use.
    await citizen.getByRole('button', { name: 'Log ud' }).click()
    await expect(citizen).toHaveURL(/loggedOut=1/)
    await checkA11y(citizen)
    await citizen.goto('/login/code')
    await checkA11y(citizen)
    await citizen.getByLabel('Kode', { exact: true }).fill(code)
    await citizen.getByRole('button', { name: 'Fortsæt' }).click()
    await expect(citizen.getByRole('alert')).toContainText('Koden virker ikke')
    await checkA11y(citizen)
  } finally {
    await phone.close()
  }
})

test('A volunteer logs in with a link from an e-mail', async ({ page }) => {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByRole('link', { name: 'Få et link til at logge ind på e-mail' }).click()
  await expect(page).toHaveURL(/\/login\/magic$/)
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill('frivillig@example.dk')
  await page.getByRole('button', { name: 'Send mig et link' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se efter i din e-mail')
  await expect(page).toHaveURL(/\/login\/magic\?index$/)
  await checkA11y(page)

  const mail = await waitForMail(
    (m) => m.to.includes('frivillig@example.dk') && m.subject.includes('logge ind'),
  )
  const link = /https?:\/\/\S+\/login\/magic\/[\w-]+/.exec(mail.text)?.[0]
  expect(link).toBeTruthy()
  await page.goto(link!)
  await checkA11y(page)
  await page.getByRole('button', { name: 'Log ind nu' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej Sofie Frivillig')
  await checkA11y(page)

  // The link works once.
  await page.goto(link!)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Linket virker ikke længere')
  await checkA11y(page)
})

test('An unknown address gets the same answer as a known one', async ({ page }) => {
  await page.goto('/login/magic')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill('findes-ikke@example.dk')
  await page.getByRole('button', { name: 'Send mig et link' }).click()
  await expect(page.getByRole('status')).toHaveText(
    'Hvis findes-ikke@example.dk hører til en konto hos os, har vi sendt et link. Det virker i 15 minutter. Kig også i spam-mappen.',
  )
  await expect(page).toHaveURL(/\/login\/magic\?index$/)
  await checkA11y(page)
})

test('Five wrong passwords lock the sixth attempt with a clear Danish message', async ({
  page,
}) => {
  // An account no other journey signs in with: the lock lasts 15 minutes.
  for (let i = 1; i <= 5; i++) {
    await loginWithPassword(page, 'medarbejder@cafe-broen.example.dk', `forkert-adgangskode-${i}`)
    await expect(page.getByRole('alert')).toBeVisible()
    await checkA11y(page)
  }
  // Even the right password is refused now.
  await loginWithPassword(page, 'medarbejder@cafe-broen.example.dk')
  await expect(page.getByRole('alert')).toContainText(
    'Du har prøvet for mange gange. Vent 15 minutter, og prøv så igen.',
  )
  await expect(page).toHaveURL(/\/login/)
  await checkA11y(page)
})

test('Logging out everywhere ends the session in another browser', async ({ page, browser }) => {
  const other = await browser.newContext()
  const otherPage = await other.newPage()
  try {
    await loginWithPassword(otherPage, 'koordinator@cafe-broen.example.dk')
    await expect(otherPage).toHaveURL(/\/account$/)

    await loginWithPassword(page, 'koordinator@cafe-broen.example.dk')
    await expect(page).toHaveURL(/\/account$/)
    await checkA11y(page)
    await page.getByRole('link', { name: 'Hvor er du logget ind' }).click()
    await expect(page).toHaveURL(/\/account\/sessions/)
    await checkA11y(page)
    await expect(page.getByRole('row')).toHaveCount(3) // header + two sessions
    await page.getByRole('button', { name: 'Log ud alle steder' }).click()
    await expect(page).toHaveURL(/\/\?loggedOut=1$/)
    await checkA11y(page)

    await otherPage.goto('/account')
    await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Faccount/)
  } finally {
    await other.close()
  }
})
