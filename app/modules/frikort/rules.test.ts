import { describe, expect, it } from 'vitest'
import {
  balanceOf,
  capFor,
  checkEntry,
  latestControlDue,
  suggestedControlDue,
  thresholdsCrossed,
  type Cap,
} from './rules'

// The law's caps (PRODUCT.md §3.6), as the migration seeds them, plus an open-ended later one.
const CAPS: Cap[] = [
  { id: 'a', validFrom: '2019-01-01', validTo: '2023-06-30', amountOre: 2_000_000 },
  { id: 'b', validFrom: '2023-07-01', validTo: '2023-12-31', amountOre: 4_000_000 },
  { id: 'c', validFrom: '2024-01-01', validTo: '2024-12-31', amountOre: 4_128_000 },
  { id: 'd', validFrom: '2025-01-01', validTo: '2025-12-31', amountOre: 4_276_600 },
  { id: 'e', validFrom: '2026-01-01', validTo: null, amountOre: 4_400_000 },
]

describe('the cap for a pay date', () => {
  it('changes on 1 July 2023: 20,000 kr. on 30 June, 40,000 kr. on 1 July', () => {
    expect(capFor(CAPS, '2023-06-30')?.amountOre).toBe(2_000_000)
    expect(capFor(CAPS, '2023-07-01')?.amountOre).toBe(4_000_000)
  })

  it('changes on a new year: 41,280 kr. on 31 December 2024, 42,766 kr. on 1 January 2025', () => {
    expect(capFor(CAPS, '2024-12-31')?.amountOre).toBe(4_128_000)
    expect(capFor(CAPS, '2025-01-01')?.amountOre).toBe(4_276_600)
  })

  it('is 20,000 kr. through the trial years and open-ended after the last entered year', () => {
    expect(capFor(CAPS, '2019-01-01')?.amountOre).toBe(2_000_000)
    expect(capFor(CAPS, '2021-08-15')?.amountOre).toBe(2_000_000)
    expect(capFor(CAPS, '2031-03-01')?.amountOre).toBe(4_400_000)
  })

  it('is missing before the scheme began', () => {
    expect(capFor(CAPS, '2018-12-31')).toBeNull()
  })
})

describe('an entry against the cap', () => {
  it('may bring the total exactly to the cap', () => {
    expect(checkEntry(3_000_000, 4_000_000, 1_000_000)).toEqual({
      ok: true,
      newTotalOre: 4_000_000,
    })
  })

  it('is refused one øre over, stating what is left', () => {
    expect(checkEntry(3_000_000, 4_000_000, 1_000_001)).toEqual({
      ok: false,
      reason: 'overCap',
      remainingOre: 1_000_000,
    })
  })

  it('states nothing left when the total is already at or above the cap', () => {
    expect(checkEntry(4_000_000, 4_000_000, 1)).toMatchObject({ ok: false, remainingOre: 0 })
    expect(checkEntry(4_100_000, 4_000_000, 1)).toMatchObject({ ok: false, remainingOre: 0 })
  })
})

describe('the 80 % and 100 % warnings', () => {
  const cap = 4_000_000
  it('passes 80 % when the total reaches it from below', () => {
    expect(thresholdsCrossed(3_100_000, 3_200_000, cap)).toEqual([80])
    expect(thresholdsCrossed(3_199_999, 3_200_000, cap)).toEqual([80])
  })

  it('does not pass a line the total was already on', () => {
    expect(thresholdsCrossed(3_200_000, 3_300_000, cap)).toEqual([])
  })

  it('passes both lines in one entry', () => {
    expect(thresholdsCrossed(1_000_000, 4_000_000, cap)).toEqual([80, 100])
  })

  it('passes nothing going down (a reversing entry)', () => {
    expect(thresholdsCrossed(3_500_000, 3_000_000, cap)).toEqual([])
  })
})

describe('the balance', () => {
  it('shows what is left and the whole per cent used', () => {
    expect(balanceOf(2025, 3_635_110, 4_276_600)).toEqual({
      year: 2025,
      totalOre: 3_635_110,
      capOre: 4_276_600,
      remainingOre: 641_490,
      percent: 85,
    })
  })

  it('has no remaining amount when the year has no cap', () => {
    expect(balanceOf(2030, 100, null)).toMatchObject({ remainingOre: null, percent: null })
  })
})

describe('the control of a decision', () => {
  it('is due at the latest by the end of the second calendar year after', () => {
    expect(latestControlDue('2026-03-10')).toBe('2028-12-31')
  })

  it('is suggested a year later, and 28 February for a 29 February', () => {
    expect(suggestedControlDue('2026-03-10')).toBe('2027-03-10')
    expect(suggestedControlDue('2024-02-29')).toBe('2025-02-28')
  })
})
