import { describe, expect, it } from 'vitest'
import { addMonths, consentStatus, purposeForKind, uncoveredCategories } from './rules'

describe('consent rules', () => {
  it('adds calendar months, ending on the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-11-24T10:00:00Z'), 12).toISOString()).toBe(
      '2027-11-24T10:00:00.000Z',
    )
    expect(addMonths(new Date('2027-01-31T10:00:00Z'), 1).toISOString()).toBe(
      '2027-02-28T10:00:00.000Z',
    )
  })

  it('names the categories a consent does not cover', () => {
    expect(uncoveredCategories(['name', 'area'], ['name'])).toEqual([])
    expect(uncoveredCategories(['name', 'area'], ['name', 'contact', 'area'])).toEqual(['contact'])
  })

  it('ties each kind of referral to its purpose', () => {
    expect(purposeForKind('buddy')).toBe('buddy_match')
    expect(purposeForKind('frikort')).toBe('frikort_matchmaking')
    expect(purposeForKind('activity')).toBe('referral')
    expect(purposeForKind('organisation')).toBe('referral')
  })

  it('knows a withdrawn consent from an expired one', () => {
    const now = new Date('2026-11-24T10:00:00Z')
    expect(consentStatus({ withdrawnAt: null, expiresAt: new Date('2027-01-01') }, now)).toBe(
      'active',
    )
    expect(consentStatus({ withdrawnAt: null, expiresAt: now }, now)).toBe('expired')
    expect(consentStatus({ withdrawnAt: now, expiresAt: new Date('2027-01-01') }, now)).toBe(
      'withdrawn',
    )
  })
})
