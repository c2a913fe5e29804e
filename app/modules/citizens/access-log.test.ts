import { describe, expect, it } from 'vitest'
import { accessPlace } from './access-log'

describe('where a read happened, in plain words', () => {
  it('names the caseworker and organisation pages', () => {
    expect(accessPlace('/case')).toBe('caseList')
    expect(accessPlace('/case/citizens')).toBe('caseList')
    expect(accessPlace('/case/citizens/abc')).toBe('caseRecord')
    expect(accessPlace('/case/citizens/abc/consents/def')).toBe('caseConsent')
    expect(accessPlace('/case/referrals/abc')).toBe('caseReferral')
    expect(accessPlace('/case/access-codes')).toBe('accessCodes')
    expect(accessPlace('/org/o1/referrals/r1')).toBe('orgReferral')
    expect(accessPlace('/org/o1/matching/x')).toBe('orgOther')
  })

  it('falls back for pages it does not know', () => {
    expect(accessPlace(null)).toBe('other')
    expect(accessPlace('/something')).toBe('other')
  })
})
