import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import { sessionCancelled } from './activities.ts'
import { templates } from './index.ts'

const data = {
  name: 'Grace <b>',
  activity: 'Fællesspisning tirsdag',
  organisation: 'Café Broen',
  when: 'tirsdag den 24. november 2026 kl. 17.00',
  reason: 'Køkkenet <script> males',
  scheduleChanged: false,
  phone: '+45 33 44 55 66',
}

describe('the session-cancelled e-mail', () => {
  it('says what, when, why and whom to call, in Danish and in English', () => {
    const da = sessionCancelled(getFixedT('da'), data)
    expect(da.subject).toBe('Aflyst: Fællesspisning tirsdag')
    expect(da.text).toContain(
      'Café Broen har aflyst Fællesspisning tirsdag tirsdag den 24. november 2026 kl. 17.00.',
    )
    expect(da.text).toContain('Besked fra arrangøren: Køkkenet <script> males')
    expect(da.text).toContain('ring til Café Broen på +45 33 44 55 66')
    const en = sessionCancelled(getFixedT('en'), { ...data, when: 'Tuesday, 24 November 2026' })
    expect(en.subject).toBe('Cancelled: Fællesspisning tirsdag')
    expect(en.text).toContain('has cancelled Fællesspisning tirsdag on Tuesday, 24 November 2026')
  })

  it('explains a changed timetable, and leaves out what it does not know', () => {
    const mail = sessionCancelled(getFixedT('da'), {
      ...data,
      reason: null,
      scheduleChanged: true,
      phone: null,
    })
    expect(mail.text).toContain('har ændret tiderne')
    expect(mail.text).not.toContain('Besked fra arrangøren')
    expect(mail.text).toContain('Har du spørgsmål, så kontakt Café Broen.')
  })

  it('escapes every value in the HTML version and is the one the outbox renders', () => {
    const { html } = sessionCancelled(getFixedT('da'), data)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>')
    expect(html).toContain('Køkkenet &lt;script&gt; males')
    expect(templates.sessionCancelled).toBe(sessionCancelled)
  })
})
