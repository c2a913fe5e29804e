import { describe, expect, it } from 'vitest'
import { addMonths, lastDayOf, splitPeriod } from './rollup'

describe('splitPeriod', () => {
  it('takes a closed calendar year from the rollup only', () => {
    const { months, live } = splitPeriod('2025-01-01', '2025-12-31', '2026-11-24')
    expect(months).toHaveLength(12)
    expect(months[0]).toBe('2025-01-01')
    expect(live).toEqual([])
  })

  it('counts the ragged edges of a custom period live', () => {
    const { months, live } = splitPeriod('2025-03-15', '2025-06-10', '2026-11-24')
    expect(months).toEqual(['2025-04-01', '2025-05-01'])
    expect(live).toEqual([
      { from: '2025-03-15', to: '2025-03-31' },
      { from: '2025-06-01', to: '2025-06-10' },
    ])
  })

  it('counts the current month live, joined to a partial month before it', () => {
    const { months, live } = splitPeriod('2026-01-01', '2026-12-31', '2026-11-24')
    expect(months).toHaveLength(10)
    expect(live).toEqual([{ from: '2026-11-01', to: '2026-12-31' }])
    expect(splitPeriod('2026-10-20', '2026-11-30', '2026-11-24').live).toEqual([
      { from: '2026-10-20', to: '2026-11-30' },
    ])
  })

  it('handles a period inside one day', () => {
    expect(splitPeriod('2025-02-28', '2025-02-28', '2026-01-01')).toEqual({
      months: [],
      live: [{ from: '2025-02-28', to: '2025-02-28' }],
    })
  })

  it('knows month lengths and year ends', () => {
    expect(lastDayOf('2024-02-01')).toBe('2024-02-29')
    expect(addMonths('2025-12-01', 1)).toBe('2026-01-01')
    expect(addMonths('2025-01-01', -1)).toBe('2024-12-01')
  })
})
