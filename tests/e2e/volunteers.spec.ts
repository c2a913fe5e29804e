import type { Page } from '@playwright/test'
import { DEMO_PASSWORD } from './demo'
import { checkA11y, expect, test, waitForMail } from './fixtures'

// One story, told in order: a new buddy at Café Broen from sign-up to approved hours.
test.describe.configure({ mode: 'serial' })

const stamp = Date.now() % 100000
const NAME = `Nora Frivillig ${stamp}`
const EMAIL = `nora-${stamp}@example.dk`

async function loginAsCafeCoordinator(page: Page) {
  await page.goto('/login')
  await checkA11y(page)
  await page.getByLabel('E-mailadresse').fill('koordinator@cafe-broen.example.dk')
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Log ind' }).last().click()
  await expect(page).toHaveURL(/\/account$/)
  await checkA11y(page)
}

test('A person signs up as a buddy at the café, the coordinator screens and approves, and approves the hours she logs at the Tuesday dinner', async ({
  page,
  browser,
}) => {
  // A long story across two people and two e-mails; the machine may be shared.
  test.setTimeout(120_000)
  // The sign-up, without an account.
  await page.goto('/volunteer')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bliv frivillig')
  await checkA11y(page)
  await page.getByRole('checkbox', { name: 'Café Broen' }).check()
  await page.getByRole('checkbox', { name: 'Følgeven' }).check()
  await page.getByRole('checkbox', { name: 'Gåture' }).check()
  await page.getByRole('checkbox', { name: 'Dansk' }).check()
  await page.getByRole('checkbox', { name: 'Tirsdag aften' }).check()
  await page.getByRole('checkbox', { name: 'Lørdag formiddag' }).check()
  await page.getByLabel('Dit navn').fill(NAME)
  await page.getByLabel('E-mailadresse').fill(EMAIL)
  await page.getByLabel('Hvorfor vil du være frivillig?').fill('Jeg har tid om tirsdagen.')
  await page.getByLabel('Ja, I må gemme mine oplysninger').check()
  await page.getByRole('button', { name: 'Send min tilmelding' }).click()
  await expect(page).toHaveURL(/\/volunteer\?sent=1$/)
  await expect(page.getByRole('status')).toContainText('Tjek din e-mail')
  await checkA11y(page)

  // She confirms the address with the link in the e-mail, and is signed in.
  const mail = await waitForMail(
    (m) => m.to.includes(EMAIL) && m.subject === 'Bekræft din tilmelding som frivillig',
  )
  const link = /https?:\/\/\S+\/volunteer\/confirm\/[\w-]+/.exec(mail.text)?.[0]
  expect(link).toBeTruthy()
  await page.goto(link!)
  await checkA11y(page)
  await page.getByRole('button', { name: 'Bekræft og log ind' }).click()
  await expect(page).toHaveURL(/\/volunteer\/me\?done=confirmed$/)
  await expect(page.getByRole('main')).toContainText('Tilmeldt')
  await checkA11y(page)

  // The coordinator records the interview and the certificate, and approves.
  const office = await browser.newContext()
  const coordinator = await office.newPage()
  try {
    await loginAsCafeCoordinator(coordinator)
    await coordinator.getByRole('link', { name: 'Frivillige hos Café Broen' }).click()
    await expect(coordinator).toHaveURL(/\/org\/[\w-]+\/volunteers$/)
    await checkA11y(coordinator)
    await coordinator.getByRole('link', { name: NAME }).click()
    await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(NAME)
    await checkA11y(coordinator)
    await coordinator.getByLabel('Hvad har du tjekket?').selectOption({ label: 'Samtale' })
    await coordinator.getByRole('button', { name: 'Registrer' }).click()
    await expect(coordinator.getByRole('status')).toHaveText('Det er registreret.')
    await checkA11y(coordinator)
    await coordinator.getByLabel('Hvad har du tjekket?').selectOption({ label: 'Straffeattest' })
    await coordinator.getByRole('button', { name: 'Registrer' }).click()
    await expect(coordinator).toHaveURL(/done=recorded/)
    await expect(coordinator.getByRole('row', { name: /Straffeattest i orden/ })).toBeVisible()
    await coordinator.getByRole('button', { name: 'Godkend', exact: true }).click()
    await expect(coordinator.getByRole('status')).toContainText('godkendt')
    await checkA11y(coordinator)

    // She sees that she is approved, and logs two hours helping at the Tuesday dinner.
    await page.goto('/volunteer/me')
    await expect(page.getByRole('main')).toContainText('Godkendt')
    await checkA11y(page)
    await waitForMail((m) => m.to.includes(EMAIL) && /godkendt/.test(m.subject))
    await page.getByRole('link', { name: 'Skriv timer ind' }).click()
    await expect(page).toHaveURL(/\/volunteer\/me\/hours$/)
    await checkA11y(page)
    const dinner = page
      .getByLabel('Hvilken aktivitet hjalp du til?')
      .locator('option', { hasText: 'Fællesspisning tirsdag' })
      .first()
    const session = await dinner.getAttribute('value')
    await page.getByLabel('Hvilken aktivitet hjalp du til?').selectOption(session!)
    await page.getByLabel('Timer', { exact: true }).fill('2')
    await page.getByLabel('Minutter', { exact: true }).fill('0')
    await page.getByRole('button', { name: 'Send timerne' }).click()
    await expect(page.getByRole('status')).toHaveText('Tak! Dine timer er sendt til foreningen.')
    await expect(page.getByRole('table')).toContainText('Venter på godkendelse')
    await checkA11y(page)

    // The coordinator approves the two hours.
    await coordinator.getByRole('link', { name: 'Tilbage til frivillige' }).click()
    await expect(coordinator).toHaveURL(/\/volunteers$/)
    await checkA11y(coordinator)
    await coordinator.getByRole('link', { name: 'Timer til godkendelse' }).click()
    await expect(coordinator).toHaveURL(/\/volunteers\/hours$/)
    await checkA11y(coordinator)
    // The button's hidden words say whose hours it approves.
    await coordinator
      .getByRole('button', { name: new RegExp(`^Godkend\\W+${NAME}, .*: 2 timer$`) })
      .click()
    await expect(coordinator.getByRole('status')).toHaveText('Timerne er gennemgået.')
    await checkA11y(coordinator)
  } finally {
    await office.close()
  }

  await page.reload()
  await expect(page.getByRole('table')).toContainText('Godkendt')
  await checkA11y(page)
})

test('The weekly availability grid can be filled in with the keyboard alone', async ({ page }) => {
  await page.goto('/volunteer')
  await checkA11y(page)
  await page.getByLabel('Hvor bor du?').focus()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('checkbox', { name: 'Mandag formiddag' })).toBeFocused()
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('checkbox', { name: 'Mandag eftermiddag' })).toBeFocused()
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab')
  await expect(page.getByRole('checkbox', { name: 'Tirsdag aften' })).toBeFocused()
  await page.keyboard.press('Space')
  await expect(page.getByRole('checkbox', { name: 'Mandag formiddag' })).toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'Mandag eftermiddag' })).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'Tirsdag aften' })).toBeChecked()
  // Space again un-ticks, as a checkbox should.
  await page.keyboard.press('Space')
  await expect(page.getByRole('checkbox', { name: 'Tirsdag aften' })).not.toBeChecked()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('A form sent with a mistake comes back with the ticked times and the reason', async ({
    page,
  }) => {
    await page.goto('/volunteer')
    await checkA11y(page)
    await page.getByRole('checkbox', { name: 'Café Broen' }).check()
    await page.getByRole('checkbox', { name: 'Onsdag eftermiddag' }).check()
    await page.getByRole('checkbox', { name: 'Søndag aften' }).check()
    await page.getByLabel('Dit navn').fill('Uden Script')
    await page.getByRole('button', { name: 'Send min tilmelding' }).click()
    await expect(page.getByRole('alert')).toContainText('Vælg mindst én ting, du vil lave')
    await expect(page.getByRole('checkbox', { name: 'Onsdag eftermiddag' })).toBeChecked()
    await expect(page.getByRole('checkbox', { name: 'Søndag aften' })).toBeChecked()
    await expect(page.getByRole('checkbox', { name: 'Café Broen' })).toBeChecked()
    await expect(page.getByLabel('Dit navn')).toHaveValue('Uden Script')
    await checkA11y(page)
  })
})
