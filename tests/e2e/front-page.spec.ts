import { checkA11y, expect, test } from './fixtures'

const TITLE_DA = 'Find et fællesskab, du har lyst til at være med i'
const TITLE_EN = 'Find a community you would like to be part of'

test('A visitor reads the front page in Danish and finds the three ways in', async ({ page }) => {
  await page.goto('/')

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_DA)
  await expect(page.locator('html')).toHaveAttribute('lang', 'da')
  await expect(page).toHaveTitle(/Brobygger/)

  const main = page.getByRole('main')
  for (const [name, href] of [
    ['Find en aktivitet', '/activities'],
    ['Bliv frivillig', '/volunteer'],
    ['Log ind', '/login'],
  ] as const) {
    await expect(main.getByRole('link', { name })).toHaveAttribute('href', href)
  }

  // The skip link is the first stop for a keyboard user and takes them past the header.
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Gå til indhold' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(main).toBeFocused()

  const footer = page.getByRole('contentinfo')
  await expect(footer.getByRole('link', { name: 'Tilgængelighedserklæring' })).toHaveAttribute(
    'href',
    '/tilgaengelighed',
  )
  await checkA11y(page)
})

test('A visitor switches to English and the choice is remembered', async ({ page, context }) => {
  await page.goto('/')
  await checkA11y(page)

  const languages = page.getByRole('navigation', { name: 'Sprog' })
  await languages.getByRole('link', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_EN)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  expect((await context.cookies()).find((c) => c.name === 'lng')?.value).toBe('en')
  await checkA11y(page)

  // Without ?lng in the address, the cookie keeps the page in English.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click()
  await expect(page).toHaveURL(/\/tilgaengelighed$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Accessibility statement for Brobygger',
  )
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await checkA11y(page)

  // A fresh load from the server, not just the app in the browser, remembers it too.
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_EN)
  await checkA11y(page)

  await page
    .getByRole('navigation', { name: 'Language' })
    .getByRole('link', { name: 'Dansk' })
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_DA)
  await expect(page.locator('html')).toHaveAttribute('lang', 'da')
  // The current language is shown as text, not as a link to itself.
  await expect(page.getByRole('navigation', { name: 'Sprog' }).getByRole('link')).toHaveText([
    'English',
  ])
  await checkA11y(page)
})

test('A visitor reads the accessibility statement', async ({ page }) => {
  await page.goto('/tilgaengelighed')

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Tilgængelighedserklæring for Brobygger',
  )
  // The sections of the Danish Agency for Digital Government's WAS-Tool, in its order.
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Overholdelsesstatus',
    'Indhold, der ikke er tilgængeligt',
    'Udarbejdelse af denne tilgængelighedserklæring',
    'Feedback og kontaktoplysninger',
    'Håndhævelsesprocedure',
  ])
  await expect(page.getByRole('link', { name: /^tilgaengelighed@/ })).toHaveAttribute(
    'href',
    /^mailto:/,
  )
  await expect(
    page.getByRole('link', { name: 'Klag til Digitaliseringsstyrelsen' }),
  ).toHaveAttribute('href', 'https://www.was.digst.dk/')
  await checkA11y(page)
})

test('A visitor chooses Rødovre and the header shows it', async ({ page }) => {
  await page.goto('/')
  await checkA11y(page)

  const header = page.getByRole('banner')
  await header.getByRole('link', { name: 'Skift kommune' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vælg din kommune')
  await checkA11y(page)

  await page.getByLabel('Kommune').selectOption({ label: 'Rødovre Kommune' })
  await page.getByRole('button', { name: 'Vælg' }).click()

  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_DA)
  await expect(header).toContainText('Rødovre')
  await expect(header).not.toContainText('Frederiksberg')
  await checkA11y(page)

  // Still chosen when the page is loaded again.
  await page.reload()
  await expect(header).toContainText('Rødovre')
  await page.goto('/kommune')
  await expect(page.getByLabel('Kommune')).toHaveValue('rodovre')
  await checkA11y(page)
})

test.describe('Without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('The front page works without JavaScript', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_DA)
    await checkA11y(page)

    await page
      .getByRole('navigation', { name: 'Sprog' })
      .getByRole('link', { name: 'English' })
      .click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_EN)
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await checkA11y(page)

    await page.getByRole('banner').getByRole('link', { name: 'Change municipality' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your municipality')
    await checkA11y(page)

    // A plain HTML form post: the browser sends Origin itself, and the redirect lands on /.
    await page.getByLabel('Municipality').selectOption({ label: 'Rødovre Kommune' })
    await page.getByRole('button', { name: 'Choose' }).click()
    await expect(page).toHaveURL(/\/$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_EN)
    await expect(page.getByRole('banner')).toContainText('Rødovre')
    await checkA11y(page)
  })
})
