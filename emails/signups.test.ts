import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import { signupConfirmed, signupWaitlisted, waitlistOffer } from './signups.ts'

const da = getFixedT('da')
const en = getFixedT('en')
const base = {
  name: 'Anna',
  activity: 'Fællesspisning <tirsdag>',
  when: 'tirsdag den 24. november 2026 kl. 17.00–19.00',
  url: 'https://brobygger.example.dk/signups/abc_DEF-123',
}

describe('sign-up e-mails', () => {
  it('confirm the place with the date and the link to see or cancel it', () => {
    const mail = signupConfirmed(da, base)
    expect(mail.subject).toBe('Du er tilmeldt: Fællesspisning <tirsdag>')
    expect(mail.text).toContain('tirsdag den 24. november 2026 kl. 17.00–19.00')
    expect(mail.text).toContain(base.url)
    expect(mail.html).toContain(`href="${base.url}"`)
    expect(mail.html).not.toContain('<tirsdag>')
    expect(mail.html).toContain('&lt;tirsdag&gt;')
  })

  it('tell a waitlisted person their number and how long they will have to answer', () => {
    const mail = signupWaitlisted(da, { ...base, position: 3, hours: 48 })
    expect(mail.text).toContain('nr. 3')
    expect(mail.text).toContain('48 timer')
    const english = signupWaitlisted(en, { ...base, position: 3, hours: 48 })
    expect(english.text).toContain('number 3')
    expect(english.text).toContain('48 hours')
  })

  it('offer a place with the deadline and the link to say yes', () => {
    const mail = waitlistOffer(da, { ...base, deadline: 'torsdag den 26. november 2026 kl. 18.30' })
    expect(mail.subject).toContain('Der er en plads til dig')
    expect(mail.text).toContain('senest torsdag den 26. november 2026 kl. 18.30')
    expect(mail.text).toContain(base.url)
  })
})
