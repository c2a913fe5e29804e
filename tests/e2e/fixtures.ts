import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { MAIL_SINK_URL } from './ports.ts'

export { expect }

// ---------------------------------------------------------------------------------------------
// Accessibility: every page a journey visits is checked with axe (WCAG 2.1 A and AA).
//
// A journey calls `await checkA11y(page)` once the page it navigated to shows what it is
// waiting for. The `page` fixture below follows each page of the test's browser context: it
// records every document loaded and every client-side navigation to a new address, checks the
// page as it was left at the end of the test, and fails the test when a page it visited on the
// way was never checked. A journey can't skip a page silently. (Pages of a context a test makes
// itself with `browser.newContext()` are not followed; use `test.use()` options instead.)
// ---------------------------------------------------------------------------------------------

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>

export interface A11yOptions {
  /** CSS selectors axe should leave out; say why in the test. */
  exclude?: string[]
}

/** Readable report of axe violations: rule, impact, help, where and on which page. */
export function formatViolations(url: string, violations: AxeResults['violations']): string {
  const lines = [`axe found ${violations.length} accessibility violation(s) on ${url}:`]
  for (const v of violations) {
    lines.push(`\n  ✗ ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`)
    lines.push(`    ${v.helpUrl}`)
    for (const node of v.nodes.slice(0, 10)) {
      lines.push(`    - ${node.target.map(String).join(' ')}`)
      const summary = node.failureSummary?.split('\n').slice(0, 3).join(' ').trim()
      if (summary) lines.push(`      ${summary}`)
    }
    if (v.nodes.length > 10) lines.push(`    … and ${v.nodes.length - 10} more`)
  }
  return lines.join('\n')
}

/** Runs axe on the page as it is now; returns the violations without failing. */
export async function analyzeA11y(page: Page, options: A11yOptions = {}): Promise<AxeResults> {
  const results = tracked.get(page)?.scriptsDisabled
    ? await analyzeScriptlessCopy(page, options)
    : await axe(page, options).analyze()
  // axe reports a rule it could not run as "incomplete", not as a violation; a page where
  // nothing at all was evaluated means axe did not really run, which must not count as a pass.
  if (results.passes.length + results.violations.length === 0) {
    throw new Error(`axe evaluated no rules on ${page.url()}: was the page empty?`)
  }
  return results
}

function axe(page: Page, options: A11yOptions): AxeBuilder {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS)
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector)
  return builder
}

/**
 * axe can't run where JavaScript is off (its timers never fire). So for such a page, axe checks
 * a copy: the page's HTML as the browser holds it now, served at the same address (so styles
 * load as they did) to a page that may run axe but gets none of the page's own scripts.
 */
async function analyzeScriptlessCopy(page: Page, options: A11yOptions): Promise<AxeResults> {
  const url = withoutHash(page.url())
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
  const browser = page.context().browser()
  if (!browser) throw new Error('checkA11y needs a browser context made by a browser')
  const context = await browser.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
  })
  try {
    const copy = await context.newPage()
    await copy.route('**/*', (route) => {
      const request = route.request()
      if (request.isNavigationRequest() && request.url() === url) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      }
      if (request.resourceType() === 'script') return route.abort()
      return route.continue()
    })
    await copy.goto(url)
    return await axe(copy, options).analyze()
  } finally {
    await context.close()
  }
}

const tracked = new WeakMap<Page, Tracker>()

/** Checks the page with axe now and throws a readable error on any violation. */
export async function checkA11y(page: Page, options: A11yOptions = {}): Promise<void> {
  const url = page.url()
  const results = await analyzeA11y(page, options)
  tracked.get(page)?.markChecked(url)
  if (results.violations.length > 0) {
    throw new Error(formatViolations(url, results.violations))
  }
}

/** The addresses one page has shown, in order, and whether each was checked with axe. */
class Tracker {
  readonly visits: { url: string; checked: boolean }[] = []

  constructor(
    readonly page: Page,
    readonly scriptsDisabled: boolean,
  ) {
    // Fires when the main frame commits a new document and on client-side (history API)
    // navigations, which is how Remix moves between pages once hydrated.
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.visit(frame.url())
    })
  }

  private visit(url: string) {
    if (!url.startsWith('http')) return // about:blank, data: and setContent pages
    // The same address again (a jump to an anchor, a reload, a form posted back to its own page
    // with errors) is the same visit: check such a state explicitly where a journey cares.
    const last = this.visits.at(-1)
    if (last && withoutHash(last.url) === withoutHash(url)) return
    this.visits.push({ url, checked: false })
  }

  markChecked(url: string) {
    const last = this.visits.at(-1)
    if (last && withoutHash(last.url) === withoutHash(url)) last.checked = true
  }

  unchecked(): string[] {
    return this.visits.filter((v) => !v.checked).map((v) => v.url)
  }
}

function withoutHash(url: string): string {
  const u = new URL(url)
  u.hash = ''
  return u.toString()
}

/** Addresses this page has shown that no checkA11y call has covered yet. */
export function uncheckedVisits(page: Page): string[] {
  const tracker = tracked.get(page)
  if (!tracker) throw new Error('This page is not followed: use the `page` fixture from ./fixtures')
  return tracker.unchecked()
}

// ---------------------------------------------------------------------------------------------
// E-mail: the app delivers to tests/e2e/smtp-sink.js, which shows what arrived as JSON.
// ---------------------------------------------------------------------------------------------

export interface ReceivedMail {
  /** Envelope recipients, lower case. */
  to: string[]
  subject: string
  text: string
  html: string
  messageId: string
  date: string
}

export async function listMail(): Promise<ReceivedMail[]> {
  const res = await fetch(MAIL_SINK_URL)
  if (!res.ok) throw new Error(`SMTP sink answered ${res.status}`)
  return (await res.json()) as ReceivedMail[]
}

export async function clearMail(): Promise<void> {
  const res = await fetch(MAIL_SINK_URL, { method: 'DELETE' })
  if (!res.ok) throw new Error(`SMTP sink answered ${res.status}`)
}

/** Waits until a message matching `predicate` has arrived at the SMTP server, and returns it. */
export async function waitForMail(
  predicate: (mail: ReceivedMail) => boolean,
  timeoutMs = 10_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs
  let seen: ReceivedMail[] = []
  while (Date.now() < deadline) {
    seen = await listMail()
    const match = seen.find(predicate)
    if (match) return match
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const summary =
    seen.map((m) => `  - to ${m.to.join(', ')}: ${m.subject}`).join('\n') || '  (none)'
  throw new Error(`No matching e-mail arrived within ${timeoutMs} ms. Received:\n${summary}`)
}

// ---------------------------------------------------------------------------------------------

/**
 * Playwright's `test` with the accessibility check built into the `page` fixture: it follows
 * `page` and every other page opened in its browser context, and after the test checks each
 * page as it was left and fails on any page visited but never checked.
 */
export const test = base.extend({
  page: async ({ page, context, javaScriptEnabled }, use, testInfo) => {
    const trackers: Tracker[] = []
    const follow = (p: Page) => {
      if (tracked.has(p)) return
      const tracker = new Tracker(p, javaScriptEnabled === false)
      tracked.set(p, tracker)
      trackers.push(tracker)
    }
    follow(page)
    context.on('page', follow)

    await use(page)

    context.off('page', follow)
    // A test that already failed has said what is wrong; don't bury it under a11y noise.
    if (testInfo.status !== 'passed') return
    const problems: string[] = []
    for (const tracker of trackers) {
      const last = tracker.visits.at(-1)
      if (last && !last.checked && !tracker.page.isClosed()) {
        try {
          await checkA11y(tracker.page)
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error))
          continue
        }
      }
      const missed = tracker.unchecked()
      if (missed.length > 0) {
        problems.push(
          'These pages were visited but never checked with axe; call checkA11y(page) once each ' +
            `has loaded:\n${missed.map((u) => `  - ${u}`).join('\n')}`,
        )
      }
    }
    if (problems.length > 0) throw new Error(problems.join('\n\n'))
  },
})
