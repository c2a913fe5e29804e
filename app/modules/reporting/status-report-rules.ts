import type { StatusReportState } from '../../../db/schema.ts'
import type { Figure } from './suppression'

// The §18 status report (statusrapport): the association writes it, the municipality's
// administrator approves it or returns it with comments. One place says which moves exist.

export type { StatusReportState }

export const TRANSITIONS: Record<StatusReportState, readonly StatusReportState[]> = {
  draft: ['submitted'],
  submitted: ['approved', 'returned'],
  returned: ['submitted'],
  approved: [],
}

export const canTransition = (from: StatusReportState, to: StatusReportState) =>
  TRANSITIONS[from].includes(to)

/** The association may still write in it. */
export const isEditable = (state: StatusReportState) => state === 'draft' || state === 'returned'

/** Figures from the platform, as the report shows them (counts of people already suppressed). */
export interface Prefilled {
  computedAt: string
  activities: number
  sessions: number
  anonymous: Figure
  namedUnique: Figure
  outreach: number
  criteria: { description: string; value: number; target: number; status: string }[]
}

export const emptyPrefilled = (computedAt: string): Prefilled => ({
  computedAt,
  activities: 0,
  sessions: 0,
  anonymous: { value: 0, suppressed: false },
  namedUnique: { value: 0, suppressed: false },
  outreach: 0,
  criteria: [],
})

/** A stored prefilled value, or null when it is not a complete one (e.g. `{}`). */
export function readPrefilled(value: unknown): Prefilled | null {
  if (!value || typeof value !== 'object') return null
  const p = value as Partial<Prefilled>
  if (typeof p.computedAt !== 'string' || !Array.isArray(p.criteria)) return null
  return p as Prefilled
}
