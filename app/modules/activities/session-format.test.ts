import { describe, expect, it } from 'vitest'
import { getFixedT } from '~/i18n/i18n.server'
import { deadlineText, sessionWhen } from './session-format'

describe('session times in Copenhagen wall-clock time', () => {
  it('reads the same local time on both sides of the October clock change', () => {
    // 17:00 CEST (UTC+2) on 20 Oct and 17:00 CET (UTC+1) on 27 Oct 2026.
    expect(
      sessionWhen(
        getFixedT('da'),
        'da',
        new Date('2026-10-20T15:00:00Z'),
        new Date('2026-10-20T17:00:00Z'),
      ),
    ).toBe('tirsdag den 20. oktober 2026 kl. 17.00–19.00')
    expect(
      sessionWhen(
        getFixedT('da'),
        'da',
        new Date('2026-10-27T16:00:00Z'),
        new Date('2026-10-27T18:00:00Z'),
      ),
    ).toBe('tirsdag den 27. oktober 2026 kl. 17.00–19.00')
  })

  it('formats in English too', () => {
    expect(deadlineText(getFixedT('en'), 'en', new Date('2026-11-26T17:30:00Z'))).toMatch(
      /^Thursday,? 26 November 2026 at 18:30$/,
    )
  })
})
