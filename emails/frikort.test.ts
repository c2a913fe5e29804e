import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import {
  frikortControlDue,
  frikortDiscreet,
  frikortThreshold,
  frikortThresholdCaseworker,
} from './frikort.ts'

const da = getFixedT('da')
const en = getFixedT('en')
const base = {
  name: 'Lars',
  year: 2026,
  total: '34.500',
  cap: '42.766',
  remaining: '8.266',
  link: 'https://brobygger.example.dk/me/frikort',
}

describe('frikort e-mails', () => {
  it('tell the citizen at 80 % what is used and what is left, with the benefit rule', () => {
    const mail = frikortThreshold(da, { ...base, threshold: 80 })
    expect(mail.subject).toBe('Du har brugt 80 % af din frikort-grænse for 2026')
    expect(mail.text).toContain('34.500')
    expect(mail.text).toContain('8.266')
    expect(mail.text).toContain('ikke trukket fra din hjælp')
    expect(mail.html).toContain(`href="${base.link}"`)
  })

  it('tell the citizen at 100 % in English', () => {
    const mail = frikortThreshold(en, { ...base, threshold: 100 })
    expect(mail.subject).toBe('You have reached your free card cap for 2026')
  })

  it('name the citizen to the caseworker and escape it in HTML', () => {
    const mail = frikortThresholdCaseworker(da, {
      ...base,
      name: 'Rasmus',
      citizen: 'Lars <L>',
      threshold: 80,
    })
    expect(mail.subject).toContain('Lars <L>')
    expect(mail.html).toContain('Lars &lt;L&gt;')
    expect(mail.html).not.toContain('<L>')
  })

  it('say nothing about the subject to a citizen with a safety flag', () => {
    const mail = frikortDiscreet(da, { name: 'Lars', link: base.link })
    expect(mail.subject).toBe('Ny besked i Brobygger')
    expect(mail.text).not.toMatch(/grænse|42.766/i)
  })

  it('remind the caseworker of the control date', () => {
    const mail = frikortControlDue(da, {
      name: 'Rasmus',
      citizen: 'Lars',
      due: '14. december 2026',
      link: 'https://brobygger.example.dk/case/frikort/x',
    })
    expect(mail.subject).toBe('Kontrol af socialt frikort for Lars')
    expect(mail.text).toContain('14. december 2026')
  })
})
