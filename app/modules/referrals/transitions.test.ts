import { describe, expect, it } from 'vitest'
import type { ReferralState } from '../../../db/schema.ts'
import {
  ALL_STATES,
  availableTransitions,
  canTransition,
  TRANSITIONS,
  type ReferralActorSide,
  type ReferralTransition,
} from './transitions'

const SIDES: ReferralActorSide[] = ['organisation', 'caseworker', 'system']

describe('the referral transitions', () => {
  it('allow exactly the moves of PRODUCT.md §4, each by its own side', () => {
    const allowed: string[] = []
    for (const from of ALL_STATES)
      for (const t of Object.keys(TRANSITIONS) as ReferralTransition[])
        for (const by of SIDES) if (canTransition(from, t, by)) allowed.push(`${from} ${t} ${by}`)
    expect(allowed.sort()).toEqual(
      [
        'sent accept organisation',
        'sent decline organisation',
        'sent cancel caseworker',
        'sent cancel system',
        'sent expire system',
        'accepted start organisation',
        'accepted cancel organisation',
        'accepted cancel caseworker',
        'accepted cancel system',
        'in_progress complete organisation',
        'in_progress cancel organisation',
        'in_progress cancel caseworker',
        'in_progress cancel system',
      ].sort(),
    )
  })

  it('leave a closed referral closed', () => {
    for (const from of ['declined', 'completed', 'cancelled', 'expired'] as ReferralState[])
      for (const by of SIDES) expect(availableTransitions(from, by)).toEqual([])
  })

  it('require a reason for declining and cancelling only', () => {
    const withReason = (Object.keys(TRANSITIONS) as ReferralTransition[]).filter(
      (t) => TRANSITIONS[t].reasonRequired,
    )
    expect(withReason.sort()).toEqual(['cancel', 'decline'])
  })

  it('give a caseworker only cancel, and an organisation the answers', () => {
    expect(availableTransitions('sent', 'caseworker')).toEqual(['cancel'])
    expect(availableTransitions('sent', 'organisation')).toEqual(['accept', 'decline'])
    expect(availableTransitions('accepted', 'organisation')).toEqual(['start', 'cancel'])
  })
})
