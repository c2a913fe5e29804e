import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import {
  volunteerApproved,
  volunteerBackToScreening,
  volunteerConfirm,
  volunteerExpiring,
  volunteerHoursReviewed,
  volunteerNewApplicant,
  volunteerPaused,
  volunteerReceived,
  volunteerReminder,
} from './volunteers.ts'

const da = getFixedT('da')
const en = getFixedT('en')
const url = 'https://brobygger.example.dk/volunteer/me'
const about = { name: 'Camilla', organisation: 'Café <Broen>', volunteer: 'Nina Ny', url }

describe('volunteer e-mails', () => {
  it('ask a new person to confirm, and tell an existing one that the link signs them in', () => {
    const data = { name: 'Nina', organisations: ['Café Broen', 'Gadeholdet'], url, hours: 48 }
    const fresh = volunteerConfirm(da, { ...data, existing: false })
    expect(fresh.subject).toBe('Bekræft din tilmelding som frivillig')
    expect(fresh.text).toContain('Café Broen, Gadeholdet')
    expect(fresh.text).toContain('48 timer')
    expect(fresh.text).toContain(url)
    expect(fresh.text).not.toContain('allerede en profil')
    const existing = volunteerConfirm(en, { ...data, existing: true })
    expect(existing.text).toContain('You already have a profile')
  })

  it('tell the volunteer it arrived and the coordinators who applied for what, in their language', () => {
    expect(
      volunteerReceived(da, { name: 'Nina', organisations: ['Café Broen'], url }).text,
    ).toContain('Café Broen')
    const note = volunteerNewApplicant(en, { ...about, roles: ['buddy', 'helper'] })
    expect(note.subject).toBe('New volunteer at Café <Broen>')
    expect(note.text).toContain('Nina Ny has signed up as a volunteer (Buddy, Activity helper)')
  })

  it('approve, remind with what is missing, and pause', () => {
    const approved = volunteerApproved(da, about)
    expect(approved.subject).toBe('Du er godkendt som frivillig hos Café <Broen>')
    expect(approved.html).toContain('Café &lt;Broen&gt; har godkendt dig')
    expect(approved.html).not.toContain('Café <Broen>')
    const reminder = volunteerReminder(da, { ...about, missing: ['criminal_record', 'interview'] })
    expect(reminder.text).toContain('– Straffeattest')
    expect(reminder.text).toContain('– Samtale')
    expect(volunteerPaused(da, { ...about, audience: 'volunteer' }).subject).toBe(
      'Du holder pause hos Café <Broen>',
    )
    expect(volunteerPaused(en, { ...about, audience: 'coordinator' }).text).toContain(
      'Nina Ny is taking a break',
    )
  })

  it('warn before a requirement expires and say when one has', () => {
    const warning = volunteerExpiring(da, {
      ...about,
      audience: 'volunteer',
      kind: 'criminal_record',
      expiresOn: '13. december 2026',
      days: 7,
    })
    expect(warning.text).toContain('udløber om 7 dage, den 13. december 2026')
    const toCoordinator = volunteerExpiring(en, {
      ...about,
      audience: 'coordinator',
      kind: 'references',
      expiresOn: '13 December 2026',
      days: 30,
    })
    expect(toCoordinator.subject).toBe('References for Nina Ny expires soon')
    const back = volunteerBackToScreening(da, {
      ...about,
      audience: 'coordinator',
      kinds: ['criminal_record', 'confidentiality'],
    })
    expect(back.subject).toBe('Nina Ny er tilbage i afklaring')
    expect(back.text).toContain('Straffeattest, Tavshedserklæring')
  })

  it('report reviewed hours with the corrected time', () => {
    const mail = volunteerHoursReviewed(da, {
      name: 'Sofie',
      organisation: 'Café Broen',
      date: '24. november 2026',
      decision: 'corrected',
      duration: '1 t 30 min',
      url,
    })
    expect(mail.text).toContain('med en rettet tid: 1 t 30 min')
    const rejected = volunteerHoursReviewed(en, {
      name: 'Sofie',
      organisation: 'Café Broen',
      date: '24 November 2026',
      decision: 'rejected',
      duration: '2 hours',
      url,
    })
    expect(rejected.text).toContain('has not approved your hours on 24 November 2026')
  })
})
