import { describe, expect, it } from 'vitest'
import { canTransition, isEditable, readPrefilled, TRANSITIONS } from './status-report-rules'

const STATES = ['draft', 'submitted', 'approved', 'returned'] as const

describe('status report transitions', () => {
  it('allows exactly draft → submitted → approved | returned → submitted', () => {
    const allowed = STATES.flatMap((from) =>
      STATES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    )
    expect(allowed.sort()).toEqual(
      ['draft→submitted', 'returned→submitted', 'submitted→approved', 'submitted→returned'].sort(),
    )
  })

  it('refuses everything else, including staying put and leaving approved', () => {
    for (const s of STATES) expect(canTransition(s, s)).toBe(false)
    expect(TRANSITIONS.approved).toEqual([])
    expect(canTransition('draft', 'approved')).toBe(false)
    expect(canTransition('returned', 'approved')).toBe(false)
    expect(canTransition('submitted', 'draft')).toBe(false)
  })

  it('lets the association write only in a draft or a returned report', () => {
    expect(STATES.filter(isEditable)).toEqual(['draft', 'returned'])
  })

  it('reads a stored prefill only when it is complete', () => {
    expect(readPrefilled({})).toBeNull()
    expect(readPrefilled(null)).toBeNull()
    expect(readPrefilled({ computedAt: 'x', criteria: [] })).not.toBeNull()
  })
})
