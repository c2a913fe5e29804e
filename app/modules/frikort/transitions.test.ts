import { describe, expect, it } from 'vitest'
import { canMove, MATCH_STATES, nextStep, type MatchState } from './transitions'

// Every pair of states, for both movers: the allowed ones listed, everything else refused.
const ALLOWED_FOR_MATCHMAKER: [MatchState, MatchState][] = [
  ['suggested', 'interested'],
  ['suggested', 'ended'],
  ['interested', 'trial'],
  ['interested', 'ended'],
  ['trial', 'hired'],
  ['trial', 'ended'],
  ['hired', 'ended'],
]
const ALLOWED_FOR_CITIZEN: [MatchState, MatchState][] = [['suggested', 'interested']]

const key = ([a, b]: [MatchState, MatchState]) => `${a}→${b}`

describe('frikort matchmaking transitions', () => {
  for (const from of MATCH_STATES) {
    for (const to of MATCH_STATES) {
      const pair: [MatchState, MatchState] = [from, to]
      const byMatchmaker = ALLOWED_FOR_MATCHMAKER.map(key).includes(key(pair))
      const byCitizen = ALLOWED_FOR_CITIZEN.map(key).includes(key(pair))
      it(`${from} → ${to}: matchmaker ${byMatchmaker ? 'may' : 'may not'}, citizen ${byCitizen ? 'may' : 'may not'}`, () => {
        expect(canMove(from, to, 'matchmaker')).toBe(byMatchmaker)
        expect(canMove(from, to, 'citizen')).toBe(byCitizen)
      })
    }
  }

  it('steps forward one state at a time and stops at the end', () => {
    expect(nextStep('suggested')).toBe('interested')
    expect(nextStep('interested')).toBe('trial')
    expect(nextStep('trial')).toBe('hired')
    expect(nextStep('hired')).toBeNull()
    expect(nextStep('ended')).toBeNull()
  })
})
