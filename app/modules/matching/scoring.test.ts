import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import da from '~/i18n/locales/da/pages.json'
import daCommon from '~/i18n/locales/da/common.json'
import {
  DEFAULT_WEIGHTS,
  bitCount,
  interestLabel,
  languageLabel,
  reasonParts,
  scoreOf,
  slotBit,
  type MatchReasons,
} from './scoring'
import { INTERESTS, LANGUAGES } from '../volunteers/vocab'

const none: MatchReasons = {
  sharedInterests: [],
  sameArea: null,
  sharedSlots: 0,
  sharedLanguages: [],
  livedExperience: false,
}

describe('the score', () => {
  it('is zero with nothing in common and grows with every reason', () => {
    expect(scoreOf(none, DEFAULT_WEIGHTS)).toBe(0)
    const all: MatchReasons = {
      sharedInterests: ['football', 'cooking'],
      sameArea: 'Nord',
      sharedSlots: 3,
      sharedLanguages: ['ar'],
      livedExperience: true,
    }
    expect(scoreOf(all, DEFAULT_WEIGHTS)).toBe(2 * 3 + 4 + 3 * 1 + 3 + 2)
  })

  it('never falls when a shared interest is added, whatever the weights (random cases)', () => {
    let seed = 42
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (let i = 0; i < 500; i++) {
      const w = {
        interest: Math.floor(random() * 21),
        area: Math.floor(random() * 21),
        slot: Math.floor(random() * 21),
        language: Math.floor(random() * 21),
        livedExperience: Math.floor(random() * 21),
      }
      const r: MatchReasons = {
        sharedInterests: ['a', 'b', 'c'].slice(0, Math.floor(random() * 4)),
        sameArea: random() < 0.5 ? 'X' : null,
        sharedSlots: Math.floor(random() * 22),
        sharedLanguages: random() < 0.5 ? ['ar'] : [],
        livedExperience: random() < 0.5,
      }
      const more = { ...r, sharedInterests: [...r.sharedInterests, 'z'] }
      expect(scoreOf(more, w)).toBeGreaterThanOrEqual(scoreOf(r, w))
    }
  })

  it('counts slots in the weekly grid', () => {
    expect(slotBit(0, 0)).toBe(1)
    expect(slotBit(6, 2)).toBe(1 << 20)
    expect(bitCount(slotBit(1, 1) | slotBit(2, 2) | slotBit(6, 2))).toBe(3)
  })
})

describe('the reasons in words', () => {
  it('reads like the issue asks, in Danish', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({
      lng: 'da',
      resources: { da: { translation: { pages: da, common: daCommon } } },
    })
    const parts = reasonParts(i18n.t, {
      sharedInterests: ['football', 'cooking', 'walks'],
      sameArea: 'Frederiksberg C',
      sharedSlots: 4,
      sharedLanguages: ['da', 'ar'],
      livedExperience: false,
    })
    expect(parts.join(' · ')).toBe(
      '3 fælles interesser: fodbold, madlavning, gåture · begge i Frederiksberg C · 4 fælles tidspunkter · taler arabisk',
    )
    expect(reasonParts(i18n.t, none)).toEqual([])
  })

  it('has words for every interest and language of the vocabulary, and shows an unknown code as it is', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({
      lng: 'da',
      resources: { da: { translation: { pages: da, common: daCommon } } },
    })
    for (const code of INTERESTS) expect(interestLabel(i18n.t, code)).not.toContain('.')
    for (const code of LANGUAGES) expect(languageLabel(i18n.t, code)).not.toContain('.')
    expect(interestLabel(i18n.t, 'kite_flying')).toBe('kite_flying')
  })
})
