import { checkA11y, expect, test, uncheckedVisits } from './fixtures'

// The accessibility check itself: if it could pass a broken page, every other journey's
// "axe-clean" would mean nothing.

test('The accessibility check reports a page that breaks WCAG', async ({ browser }) => {
  // A context outside the followed `page` fixture, so the broken page isn't checked again after.
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    await page.setContent('<!doctype html><html><body><img src=x></body></html>')
    const error = await checkA11y(page).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error, 'checkA11y passed a page with an image without alt text').toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toContain('image-alt')
    expect(message).toContain('Images must have alternative text')
    expect(message).toMatch(/- img/)
    expect(message).toContain('about:blank')
    expect(message).toContain('html-has-lang')
  } finally {
    await context.close()
  }
})

test('The accessibility check notices a page that was visited but not checked', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(uncheckedVisits(page)).toEqual([expect.stringMatching(/\/$/)])
  await checkA11y(page)
  expect(uncheckedVisits(page)).toEqual([])

  // A client-side navigation (the app is hydrated) is a new page to check too.
  await page
    .getByRole('contentinfo')
    .getByRole('link', { name: 'Tilgængelighedserklæring' })
    .click()
  await expect(
    page.getByRole('heading', { level: 1, name: /Tilgængelighedserklæring/ }),
  ).toBeVisible()
  expect(uncheckedVisits(page)).toEqual([expect.stringMatching(/\/tilgaengelighed$/)])
  await checkA11y(page)
  expect(uncheckedVisits(page)).toEqual([])
})
