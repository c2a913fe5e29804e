import { describe, expect, it } from 'vitest'
import { computeProgress, periodStatus, summariseProgress, type ProgressInput } from './progress'

const base: ProgressInput = {
  measure: 'outreach',
  target: 10,
  outreachCount: 0,
  latestManual: null,
  periodEnd: '2022-12-31',
  today: '2022-06-01',
}

describe('computeProgress', () => {
  it('counts outreach rows against an outreach target', () => {
    expect(computeProgress({ ...base, outreachCount: 7, latestManual: 99 })).toEqual({
      value: 7,
      target: 10,
      percent: 70,
      status: 'underway',
    })
  })

  it('takes the latest recorded value of a manual criterion, not the outreach log', () => {
    expect(
      computeProgress({
        ...base,
        measure: 'manual',
        target: 20,
        outreachCount: 5,
        latestManual: 18,
      }),
    ).toEqual({ value: 18, target: 20, percent: 90, status: 'underway' })
  })

  it('has not started with nothing recorded', () => {
    expect(computeProgress({ ...base, measure: 'manual' }).status).toBe('notStarted')
    expect(computeProgress(base).status).toBe('notStarted')
  })

  it('is reached at the target and may pass 100 %', () => {
    expect(computeProgress({ ...base, outreachCount: 10 })).toMatchObject({
      percent: 100,
      status: 'reached',
    })
    expect(computeProgress({ ...base, outreachCount: 12 })).toMatchObject({
      percent: 120,
      status: 'reached',
    })
  })

  it('is not reached once the period is over short of the target', () => {
    expect(computeProgress({ ...base, outreachCount: 7, today: '2023-01-01' }).status).toBe(
      'notReached',
    )
    expect(computeProgress({ ...base, outreachCount: 7, today: '2022-12-31' }).status).toBe(
      'underway',
    )
    expect(computeProgress({ ...base, outreachCount: 10, today: '2023-01-01' }).status).toBe(
      'reached',
    )
  })

  it('rounds the percentage', () => {
    expect(computeProgress({ ...base, target: 3, outreachCount: 2 }).percent).toBe(67)
  })
})

describe('summariseProgress', () => {
  it('counts the criteria that are reached', () => {
    const reached = { progress: computeProgress({ ...base, outreachCount: 10 }) }
    const underway = { progress: computeProgress({ ...base, outreachCount: 3 }) }
    expect(summariseProgress([reached, underway, underway])).toEqual({ total: 3, reached: 1 })
    expect(summariseProgress([])).toEqual({ total: 0, reached: 0 })
  })
})

describe('periodStatus', () => {
  it('places today before, inside (inclusive) or after the period', () => {
    expect(periodStatus('2025-01-01', '2026-12-31', '2024-12-31')).toBe('upcoming')
    expect(periodStatus('2025-01-01', '2026-12-31', '2025-01-01')).toBe('active')
    expect(periodStatus('2025-01-01', '2026-12-31', '2026-12-31')).toBe('active')
    expect(periodStatus('2025-01-01', '2026-12-31', '2027-01-01')).toBe('ended')
  })
})
