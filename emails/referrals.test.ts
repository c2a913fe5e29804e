import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import { consentWithdrawn } from './consent.ts'
import { templates } from './index.ts'
import { referralAnswered, referralReceived } from './referrals.ts'

const base = {
  name: 'Camilla <b>',
  organisation: 'Café Broen',
  kind: 'buddy' as const,
  deadline: '8. december 2026',
  link: 'https://brobygger.example.dk/org/x/referrals/y',
  discreet: false,
}

describe('referral and consent e-mails', () => {
  it('name the organisation and the deadline, and escape every value', () => {
    const mail = referralReceived(getFixedT('da'), base)
    expect(mail.subject).toBe('Ny henvisning til Café Broen')
    expect(mail.text).toContain('Svar gerne senest 8. december 2026')
    expect(mail.html).toContain('Camilla &lt;b&gt;')
    expect(mail.html).not.toContain('<b>')
    expect(templates.referralReceived).toBe(referralReceived)
  })

  it('leave out organisation and activity for a citizen with the safety flag', () => {
    const mail = referralReceived(getFixedT('da'), { ...base, discreet: true })
    expect(mail.subject).toBe('Ny henvisning på Brobygger')
    expect(mail.text).not.toContain('Café Broen')
    const answered = referralAnswered(getFixedT('en'), {
      name: 'Karin',
      organisation: 'Café Broen',
      state: 'declined',
      reason: 'Full',
      link: base.link,
      discreet: true,
    })
    expect(answered.subject).toBe('A referral was updated: Declined')
    expect(answered.text).not.toContain('Café Broen')
    expect(answered.text).toContain('Reason: Full')
    const withdrawn = consentWithdrawn(getFixedT('da'), {
      name: 'Karin',
      audience: 'caseworker',
      organisations: 'Café Broen',
      cancelledReferrals: 2,
      link: base.link,
      discreet: true,
    })
    expect(withdrawn.text).not.toContain('Café Broen')
    expect(withdrawn.text).toContain('2 åbne henvisninger er annulleret.')
  })
})
