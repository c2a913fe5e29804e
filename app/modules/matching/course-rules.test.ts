import { describe, expect, it } from 'vitest'
import { addMonths, currentCheckin, dueAssessmentStage, midpoint } from './course-rules'

const DAY = 86_400_000

describe('course dates', () => {
  it('adds months, keeping to the end of shorter months', () => {
    expect(addMonths('2026-11-24', 6)).toBe('2027-05-24')
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15')
  })

  it('puts the midpoint halfway', () => {
    expect(midpoint('2026-01-01', '2026-07-01')).toBe('2026-04-01')
  })

  it('makes a check-in a week before each interval falls due, none before the first', () => {
    const start = new Date('2026-01-01T10:00:00Z')
    expect(currentCheckin(start, 28, new Date(start.getTime() + 20 * DAY))).toBeNull()
    expect(currentCheckin(start, 28, new Date(start.getTime() + 21 * DAY))).toEqual({
      n: 1,
      dueAt: new Date(start.getTime() + 28 * DAY),
    })
    expect(currentCheckin(start, 28, new Date(start.getTime() + 50 * DAY))?.n).toBe(2)
  })
})

describe('which self-assessment is due', () => {
  const course = { state: 'active' as const, startDate: '2026-01-01', plannedEnd: '2026-07-01' }
  it('asks for the start first', () => {
    expect(dueAssessmentStage(course, [], '2026-01-02')).toBe('start')
  })
  it('asks for nothing between the start and the midpoint', () => {
    expect(dueAssessmentStage(course, ['start'], '2026-02-01')).toBeNull()
  })
  it('asks midway from the midpoint', () => {
    expect(dueAssessmentStage(course, ['start'], '2026-04-01')).toBe('midway')
  })
  it('asks for the end in the last two weeks or once closing', () => {
    expect(dueAssessmentStage(course, ['start', 'midway'], '2026-06-17')).toBe('end')
    expect(dueAssessmentStage({ ...course, state: 'closing' }, ['start'], '2026-02-01')).toBe('end')
    expect(dueAssessmentStage(course, ['start', 'midway', 'end'], '2026-06-30')).toBeNull()
  })
  it('asks nothing of a proposal', () => {
    expect(
      dueAssessmentStage({ ...course, state: 'proposed', startDate: null }, [], '2026-02-01'),
    ).toBeNull()
  })
})
