import { describe, expect, it } from 'vitest'
import { isValidCvr, normaliseCvr } from './cvr'

describe('isValidCvr (modulus 11)', () => {
  it.each(['34123454', '35567895', '29876541'])('accepts %s', (cvr) => {
    expect(isValidCvr(cvr)).toBe(true)
  })

  it.each(['34123455', '34123453', '35567894', '29876542'])(
    'refuses %s, whose check digit is off by one',
    (cvr) => {
      expect(isValidCvr(cvr)).toBe(false)
    },
  )

  it.each(['3412345', '341234540', '', '1234567'])('refuses %j, which is not 8 digits', (cvr) => {
    expect(isValidCvr(cvr)).toBe(false)
  })

  it.each(['3412345a', 'DK341234', 'abcdefgh', '3412-345', '34.12.34.54'])(
    'refuses %j, which has other characters than digits',
    (cvr) => {
      expect(isValidCvr(cvr)).toBe(false)
    },
  )

  it('trims spaces around the number and inside it before checking', () => {
    expect(isValidCvr(' 34123454 ')).toBe(true)
    expect(isValidCvr('\t35567895\n')).toBe(true)
    expect(isValidCvr('29 87 65 41')).toBe(true)
    expect(normaliseCvr(' 34 12 34 54 ')).toBe('34123454')
  })
})
