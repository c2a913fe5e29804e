import { describe, expect, it } from 'vitest'
import { formatKroner, MAX_OERE, parseKroner } from './money'

describe('parseKroner', () => {
  it.each([
    ['525.500', 52_550_000],
    ['525500', 52_550_000],
    ['525 500,00', 52_550_000],
    ['525 500', 52_550_000],
    ['525\u00a0500,50', 52_550_050],
    ['525.500,5', 52_550_050],
    ['525.500,-', 52_550_000],
    ['525.500 kr.', 52_550_000],
    ['kr. 525.500', 52_550_000],
    ['DKK 120,000', 12_000_000],
    ['1.234.567,89', 123_456_789],
    ['120,000.00', 12_000_000],
    ['99.95', 9_995],
    ['0', 0],
    ['  7,25 ', 725],
  ])('%s → %i øre', (input, oere) => {
    expect(parseKroner(input)).toEqual({ ok: true, oere })
  })

  it.each(['abc', '', '525.50.0', '12,345,6', '1.23.456', '-500', '5,1234', '1e6', '525..500'])(
    'refuses %j',
    (input) => {
      expect(parseKroner(input)).toEqual({ ok: false, reason: 'invalid' })
    },
  )

  it('refuses amounts beyond the limit as too large, not as invalid', () => {
    expect(parseKroner('1.000.000.001')).toEqual({ ok: false, reason: 'tooLarge' })
    expect(parseKroner('99999999999999999999')).toEqual({ ok: false, reason: 'tooLarge' })
    expect(parseKroner('1.000.000.000')).toEqual({ ok: true, oere: MAX_OERE })
  })
})

describe('formatKroner', () => {
  it('writes Danish and English grouping, øre only when there are some', () => {
    expect(formatKroner(52_550_000, 'da')).toBe('525.500')
    expect(formatKroner(52_550_050, 'da')).toBe('525.500,50')
    expect(formatKroner(12_000_000, 'en')).toBe('120,000')
    expect(formatKroner(500_000, 'da')).toBe('5.000')
  })

  it('reads back what it writes', () => {
    for (const oere of [0, 725, 500_000, 52_550_050, 12_345_678_900])
      for (const lng of ['da', 'en'] as const)
        expect(parseKroner(formatKroner(oere, lng))).toEqual({ ok: true, oere })
  })
})
