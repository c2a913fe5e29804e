import type { CriterionMeasure } from './schemas'

// How far a partnership has come against one success criterion (succeskriterium). Outreach
// criteria count the outreach log inside the partnership's period; manual criteria take the
// latest value someone recorded ("about 20 citizens each time" is a level, not a sum).

export type CriterionStatus = 'notStarted' | 'underway' | 'reached' | 'notReached'

export interface CriterionProgress {
  value: number
  target: number
  /** Rounded; may pass 100 when the target is beaten. */
  percent: number
  status: CriterionStatus
}

export interface ProgressInput {
  measure: CriterionMeasure
  target: number
  /** Outreach rows dated inside the period. */
  outreachCount: number
  /** The latest recorded value of a manual criterion; null when nothing was recorded. */
  latestManual: number | null
  periodEnd: string
  /** The local date today, 'YYYY-MM-DD'. */
  today: string
}

export function computeProgress(input: ProgressInput): CriterionProgress {
  const value = input.measure === 'outreach' ? input.outreachCount : (input.latestManual ?? 0)
  const target = Math.max(1, input.target)
  const percent = Math.round((value / target) * 100)
  let status: CriterionStatus
  if (value >= target) status = 'reached'
  else if (input.today > input.periodEnd) status = 'notReached'
  else if (value === 0) status = 'notStarted'
  else status = 'underway'
  return { value, target, percent, status }
}

export interface ProgressSummary {
  total: number
  reached: number
}

export function summariseProgress(criteria: { progress: CriterionProgress }[]): ProgressSummary {
  return {
    total: criteria.length,
    reached: criteria.filter((c) => c.progress.status === 'reached').length,
  }
}

/** Where a partnership stands in its period. */
export type PeriodStatus = 'upcoming' | 'active' | 'ended'

export function periodStatus(periodStart: string, periodEnd: string, today: string): PeriodStatus {
  if (today < periodStart) return 'upcoming'
  if (today > periodEnd) return 'ended'
  return 'active'
}
