import type { Page } from '@playwright/test'
import { timeStep, totpAt } from '../../app/modules/identity/totp'
import { DEMO_PASSWORD, nextTotp } from './demo'
import { checkA11y, expect, test, waitForMail } from './fixtures'

/** A CVR number that passes the modulus-11 check, different on every run. */
function freshCvr(): string {
  const weights = [2, 7, 6, 5, 4, 3, 2, 1]
  for (;;) {
    const digits = String(10_000_000 + Math.floor(Math.random() * 89_999_999))
      .split('')
      .map(Number)
    const sum = digits.slice(0, 7).reduce((s, d, i) => s + d * weights[i]!, 0)
    for (let last = 0; last <= 9; last++)
      if ((sum + last) % 11 === 0) return [...digits.slice(0, 7), last].join('')
  }
}

async function loginAsFrederiksbergAdmin(page: Page) {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill('admin@frederiksberg.example.dk')
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Log ind' }).last().click()
  await expect(page).toHaveURL(/\/login\/totp/)
  await checkA11y(page)
  await page
    .getByLabel('Kode', { exact: true })
    .fill(await nextTotp('admin@frederiksberg.example.dk'))
  await page.getByRole('button', { name: 'Fortsæt' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
}

test('An administrator invites a caseworker, who accepts and turns on two-factor', async ({
  page,
  browser,
}) => {
  await loginAsFrederiksbergAdmin(page)
  await page.getByRole('link', { name: 'Medarbejdere og roller' }).click()
  await expect(page).toHaveURL(/\/admin\/people/)
  await checkA11y(page)

  const email = `ny-sagsbehandler-${Date.now()}@example.dk`
  await page.getByLabel('E-mailadresse').fill(email)
  await page.getByLabel('Navn', { exact: true }).fill('Nina Ny')
  await page.getByLabel('Sagsbehandler', { exact: false }).first().check()
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('status')).toContainText('Invitationen er sendt.')
  await checkA11y(page)

  const mail = await waitForMail((m) => m.to.includes(email))
  const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mail.text)?.[0]
  expect(link).toBeTruthy()

  const context = await browser.newContext()
  const invitee = await context.newPage()
  try {
    await invitee.goto(link!)
    await expect(invitee.getByRole('heading', { level: 1 })).toContainText(
      'Du er inviteret til Frederiksberg Kommune',
    )
    await checkA11y(invitee)
    await invitee.getByLabel('Dit navn').fill('Nina Ny')
    await invitee.getByLabel('Ny adgangskode').fill('en lang og god adgangskode')
    await invitee.getByLabel('Skriv den nye adgangskode igen').fill('en lang og god adgangskode')
    await invitee.getByRole('button', { name: 'Opret konto og tag imod' }).click()

    // Caseworkers must turn on two-factor before anything else.
    await expect(invitee).toHaveURL(/\/account\/two-factor/)
    await checkA11y(invitee)
    const key = ((await invitee.locator('.secret-key').textContent()) ?? '').replace(/\s/g, '')
    expect(key).toMatch(/^[A-Z2-7]{32}$/)
    await invitee.getByLabel('Kode', { exact: true }).fill(totpAt(key, timeStep(new Date())))
    await invitee.getByRole('button', { name: 'Slå til' }).click()
    await expect(invitee.locator('.recovery-codes li')).toHaveCount(10)
    await checkA11y(invitee)

    await invitee.goto('/account')
    await expect(invitee.getByRole('main')).toContainText('sagsbehandler – Frederiksberg Kommune')
    await checkA11y(invitee)
  } finally {
    await context.close()
  }

  // The administrator finds the acceptance in the audit log.
  await page.goto('/admin/audit')
  await checkA11y(page)
  await page.getByLabel('Personens e-mailadresse').fill(email)
  await page.getByRole('button', { name: 'Søg' }).click()
  await expect(page.getByRole('table')).toContainText('invitation.accepted')
  await checkA11y(page)
})

test('An organisation registers itself and the municipality approves it', async ({
  page,
  browser,
}) => {
  const context = await browser.newContext()
  const visitor = await context.newPage()
  const name = `Strikkeklubben ${Date.now() % 100000}`
  const contact = `kontakt-${Date.now()}@example.dk`
  try {
    await visitor.goto('/organisations/register')
    await checkA11y(visitor)
    await visitor.getByLabel('Organisationens navn').fill(name)
    await visitor.getByLabel('Forening', { exact: true }).check()
    // A mistyped CVR is caught next to the field, and what was typed stays.
    await visitor.getByLabel('CVR-nummer').fill('12345678')
    await visitor.getByLabel('Adresse', { exact: true }).fill('Smallegade 1')
    await visitor.getByLabel('Postnummer').fill('2000')
    await visitor.getByLabel('By', { exact: true }).fill('Frederiksberg')
    await visitor.getByLabel('Telefon', { exact: true }).fill('33 12 34 56')
    await visitor
      .getByLabel('Hvilken kommune hører I til?')
      .selectOption({ label: 'Frederiksberg Kommune' })
    await visitor.getByLabel('Kontaktpersonens navn').fill('Kirsten Strik')
    await visitor.getByLabel('Kontaktpersonens e-mailadresse').fill(contact)
    await visitor.getByRole('button', { name: 'Send registreringen' }).click()
    await expect(visitor.getByRole('alert')).toBeVisible()
    await expect(visitor.getByLabel('CVR-nummer')).toHaveAttribute('aria-invalid', 'true')
    await expect(visitor.getByLabel('Organisationens navn')).toHaveValue(name)
    await checkA11y(visitor)

    await visitor.getByLabel('CVR-nummer').fill(freshCvr())
    await visitor.getByRole('button', { name: 'Send registreringen' }).click()
    await expect(visitor.getByRole('heading', { level: 1 })).toContainText('Tak')
    await checkA11y(visitor)
  } finally {
    await context.close()
  }
  await waitForMail((m) => m.to.includes(contact))

  await loginAsFrederiksbergAdmin(page)
  await page.goto('/admin/organisations')
  await checkA11y(page)
  const pending = page
    .locator('form', { has: page.locator('input[name="intent"][value="approve"]') })
    .filter({
      has: page.locator(`xpath=ancestor::*[contains(., "${name}")]`),
    })
  await expect(page.getByRole('main')).toContainText(name)
  await pending.first().getByRole('button', { name: 'Godkend' }).click()
  await expect(page.getByRole('status')).toContainText('Organisationen er godkendt')
  await checkA11y(page)
  await waitForMail((m) => m.to.includes(contact) && m.subject.includes('godkendt'))
})
