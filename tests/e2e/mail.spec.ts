import { checkA11y, expect, test, waitForMail } from './fixtures'

const isDevMailPost = (url: string, method: string) =>
  method === 'POST' && new URL(url).pathname.startsWith('/dev/mail')

test('A developer sends a test e-mail from /dev/mail and it arrives at the SMTP server', async ({
  page,
}, testInfo) => {
  const to = `udvikler-${Date.now()}-${testInfo.workerIndex}@example.dk`

  await page.goto('/dev/mail')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Sendt post (kun i udvikling og demo)',
  )
  await checkA11y(page)

  await page.getByLabel('Modtager').fill(to)
  await page.getByRole('button', { name: 'Send en test-e-mail' }).click()
  await expect(page.getByRole('status')).toHaveText('Test-e-mailen er lagt i udbakken.')
  await expect(page).toHaveURL(/\/dev\/mail\?sent=1$/)
  await checkA11y(page)

  const mail = await waitForMail((m) => m.to.includes(to) && m.subject === 'Test fra Brobygger')
  expect(mail.text).toContain('Brobygger')
  expect(mail.html).toContain('<html')
  expect(mail.messageId).toMatch(/@brobygger>$/)

  // The list shows the message, delivered, and its text version opens from there.
  await page.reload()
  const row = page.getByRole('row').filter({ hasText: to })
  await expect(row).toHaveCount(1)
  await expect(row.getByRole('cell').nth(3)).toHaveText('Sendt')
  await checkA11y(page)

  await row.getByRole('link', { name: 'Test fra Brobygger' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test fra Brobygger')
  await expect(page.getByRole('main')).toContainText(to)
  await checkA11y(page)
})

test('A developer mistypes the address and is told what to fix', async ({ page }) => {
  await page.goto('/dev/mail')
  await checkA11y(page)

  const field = page.getByLabel('Modtager')
  await field.fill('ikke-en-adresse')
  const [response] = await Promise.all([
    page.waitForResponse((r) => isDevMailPost(r.url(), r.request().method())),
    page.getByRole('button', { name: 'Send en test-e-mail' }).click(),
  ])
  expect(response.status()).toBe(400)

  // The summary at the top takes focus so a screen reader announces it first.
  const summary = page.getByRole('alert')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('heading', { name: 'Der er et problem' })).toBeVisible()
  const message = 'Skriv en e-mailadresse som navn@eksempel.dk'
  await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', '#field-to')

  // The field: marked invalid, the error read with it, and what was typed is still there.
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(message)
  await expect(field).toHaveValue('ikke-en-adresse')
  await checkA11y(page)

  // The summary's link takes the visitor to the field.
  await summary.getByRole('link', { name: message }).click()
  await expect(field).toBeFocused()
})

test.describe('Without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('A developer without JavaScript mistypes the address and is told what to fix', async ({
    page,
  }) => {
    await page.goto('/dev/mail')
    await checkA11y(page)

    const field = page.getByLabel('Modtager')
    await field.fill('ikke-en-adresse')
    const [response] = await Promise.all([
      page.waitForResponse((r) => isDevMailPost(r.url(), r.request().method())),
      page.getByRole('button', { name: 'Send en test-e-mail' }).click(),
    ])
    expect(response.status()).toBe(400)
    await expect(page.getByRole('alert')).toContainText('Der er et problem')
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await expect(field).toHaveAccessibleDescription('Skriv en e-mailadresse som navn@eksempel.dk')
    await expect(field).toHaveValue('ikke-en-adresse')
    await checkA11y(page)
  })
})
