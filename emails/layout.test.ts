import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import daEmails from '~/i18n/locales/da/emails.json'
import enEmails from '~/i18n/locales/en/emails.json'
import { templates } from './index.ts'
import { escapeHtml, layout } from './layout.ts'
import { testMessage } from './test-message.ts'

const da = getFixedT('da')
const en = getFixedT('en')

describe('escapeHtml', () => {
  it('escapes every character that matters in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
  })

  it('escapes an ampersand first, so an entity in the input stays visible as written', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;')
  })

  it('turns null and undefined into an empty string and numbers into text', () => {
    expect(escapeHtml(null)).toBe('')
    expect(escapeHtml(undefined)).toBe('')
    expect(escapeHtml(42)).toBe('42')
  })
})

describe('layout', () => {
  const hostile = '<script>alert("x")</script> & Co'

  it('escapes names and paragraphs in the HTML version', () => {
    const { html } = layout(da, {
      subject: 'Emne',
      name: hostile,
      paragraphs: ['<img src=x onerror=alert(1)>'],
    })
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('Hej &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co,')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    // Escaped once: i18next does not escape (escapeValue: false), the layout does.
    expect(html).not.toContain('&amp;amp;')
    expect(html).not.toContain('&amp;lt;')
  })

  it('cannot be broken out of a link attribute', () => {
    const { html } = layout(da, {
      subject: 'Emne',
      paragraphs: [],
      link: { href: 'https://brobygger.dk/" onclick="alert(1)', label: '<b>Se</b>' },
    })
    expect(html).toContain('href="https://brobygger.dk/&quot; onclick=&quot;alert(1)"')
    expect(html).not.toContain('" onclick="')
    expect(html).toContain('&lt;b&gt;Se&lt;/b&gt;</a>')
  })

  it('keeps the text version as written: it is plain text, not HTML', () => {
    const { text } = layout(da, { subject: 'Emne', name: hostile, paragraphs: ['Tom & Jerry'] })
    expect(text).toContain(`Hej ${hostile},`)
    expect(text).toContain('Tom & Jerry')
    expect(text).not.toContain('&amp;')
  })

  it('puts everything in the text version, in reading order, without markup', () => {
    const { text, html, subject } = layout(da, {
      subject: 'Din henvisning er modtaget',
      name: 'Mette',
      paragraphs: ['Første afsnit.', 'Andet afsnit.'],
      link: { href: 'https://brobygger.dk/me', label: 'Se din side' },
    })
    expect(subject).toBe('Din henvisning er modtaget')
    const order = [
      'Hej Mette,',
      'Første afsnit.',
      'Andet afsnit.',
      'Se din side:\nhttps://brobygger.dk/me',
      daEmails.layout.signature,
      '--',
      daEmails.layout.footer,
    ]
    const positions = order.map((part) => text.indexOf(part))
    expect(
      positions.every((p) => p >= 0),
      `missing from the text version: ${order.filter((_, i) => positions[i]! < 0)}`,
    ).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(text).not.toMatch(/<[a-z!/]/i)
    expect(text.endsWith('\n')).toBe(true)
    // The HTML says no more than the text does.
    for (const part of [
      'Første afsnit.',
      'Andet afsnit.',
      'Se din side',
      'https://brobygger.dk/me',
    ]) {
      expect(html).toContain(part)
    }
  })

  it('greets without a name when there is none', () => {
    expect(
      layout(da, { subject: 's', paragraphs: [] }).text.startsWith(
        `${daEmails.layout.greetingNoName},`,
      ),
    ).toBe(true)
    expect(
      layout(en, { subject: 's', name: '', paragraphs: [] }).text.startsWith(
        `${enEmails.layout.greetingNoName},`,
      ),
    ).toBe(true)
  })
})

describe('the test message', () => {
  it('is rendered in Danish and in English', () => {
    const inDanish = testMessage(da, { name: 'Mette' })
    const inEnglish = testMessage(en, { name: 'Mette' })

    expect(inDanish.subject).toBe(daEmails.test.subject)
    expect(inDanish.text.startsWith('Hej Mette,')).toBe(true)
    expect(inDanish.text).toContain(daEmails.test.body)
    expect(inDanish.text).toContain(daEmails.layout.footer)
    expect(inDanish.html).toContain(escapeHtml(daEmails.test.body))

    expect(inEnglish.subject).toBe(enEmails.test.subject)
    expect(inEnglish.text.startsWith('Hello Mette,')).toBe(true)
    expect(inEnglish.text).toContain(enEmails.test.body)
    expect(inEnglish.text).toContain(enEmails.layout.footer)
    expect(inEnglish.html).toContain(escapeHtml(enEmails.test.body))

    expect(inEnglish.subject).not.toBe(inDanish.subject)
    expect(inEnglish.text).not.toContain(daEmails.test.body)
  })

  it('is the template the outbox renders under the name "test"', () => {
    expect(templates.test).toBe(testMessage)
  })
})
