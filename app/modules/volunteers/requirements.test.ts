import { describe, expect, it } from 'vitest'
import {
  addMonths,
  daysBetween,
  expiresOnFor,
  isExpired,
  requirementLines,
  requirementsMet,
  warningDue,
} from './requirements'

describe('requirement expiry', () => {
  it('adds the valid months to the checked date, keeping to the end of short months', () => {
    expect(expiresOnFor('2024-11-24', 24)).toBe('2026-11-24')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15')
    expect(expiresOnFor('2026-11-24', null)).toBeNull()
  })

  it('counts a requirement valid through the day before it expires, expired on the day', () => {
    expect(isExpired('2026-12-01', '2026-11-30')).toBe(false)
    expect(isExpired('2026-12-01', '2026-12-01')).toBe(true)
    expect(isExpired('2026-12-01', '2026-12-02')).toBe(true)
    expect(isExpired(null, '2099-01-01')).toBe(false)
  })

  it('warns 30 days before and again 7 days before, and not after it has expired', () => {
    expect(warningDue('2026-12-31', '2026-11-30')).toBeNull()
    expect(warningDue('2026-12-31', '2026-12-01')).toBe(30)
    expect(warningDue('2026-12-31', '2026-12-23')).toBe(30)
    expect(warningDue('2026-12-31', '2026-12-24')).toBe(7)
    expect(warningDue('2026-12-31', '2026-12-30')).toBe(7)
    expect(warningDue('2026-12-31', '2026-12-31')).toBeNull()
    expect(warningDue(null, '2026-12-31')).toBeNull()
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2)
  })

  it('reads the newest record of each required kind', () => {
    const lines = requirementLines(
      ['criminal_record', 'interview', 'references'],
      [
        { kind: 'criminal_record', checkedOn: '2024-11-01', expiresOn: '2026-11-01' },
        { kind: 'criminal_record', checkedOn: '2026-10-20', expiresOn: '2028-10-20' },
        { kind: 'interview', checkedOn: '2026-10-01', expiresOn: null },
        { kind: 'confidentiality', checkedOn: '2026-10-01', expiresOn: null },
      ],
      '2026-11-24',
    )
    expect(lines).toEqual([
      { kind: 'interview', status: 'valid', checkedOn: '2026-10-01', expiresOn: null },
      { kind: 'references', status: 'missing', checkedOn: null, expiresOn: null },
      {
        kind: 'criminal_record',
        status: 'valid',
        checkedOn: '2026-10-20',
        expiresOn: '2028-10-20',
      },
    ])
    expect(requirementsMet(lines)).toBe(false)
  })

  it('lets an expiring requirement still count, an expired one not', () => {
    const today = '2026-11-24'
    const expiring = requirementLines(
      ['criminal_record'],
      [{ kind: 'criminal_record', checkedOn: '2024-12-01', expiresOn: '2026-12-01' }],
      today,
    )
    expect(expiring[0]!.status).toBe('expiring')
    expect(requirementsMet(expiring)).toBe(true)
    const expired = requirementLines(
      ['criminal_record'],
      [{ kind: 'criminal_record', checkedOn: '2024-11-24', expiresOn: '2026-11-24' }],
      today,
    )
    expect(expired[0]!.status).toBe('expired')
    expect(requirementsMet(expired)).toBe(false)
    expect(requirementsMet([])).toBe(true)
  })
})
