import type { ReferralState } from '../../../db/schema.ts'
import type { Language } from '~/i18n/config'
import { formatDateTime } from '~/ui/format'
import type { HistoryItem } from '~/ui/referral-history'
import { CONSENT_WITHDRAWN } from './transitions'

interface Entry {
  at: Date
  state: ReferralState
  by: string
  actorName: string | null
  reasonCode: string | null
}

export const historyData = (entries: Entry[], lng: Language): HistoryItem[] =>
  entries.map((h) => ({
    at: formatDateTime(h.at, lng),
    state: h.state,
    by: h.by,
    actorName: h.actorName,
    reasonCode: h.reasonCode,
  }))

/** The i18n key that names a referral's state; "cancelled — consent withdrawn" is its own. */
export function stateKey(state: ReferralState, reason: string | null): string {
  if (state === 'cancelled' && reason === CONSENT_WITHDRAWN)
    return 'common.referral.reasons.consent_withdrawn'
  return `common.referral.states.${state}`
}

/** A free-text reason worth showing (not one of the codes, which the state already says). */
export const freeReason = (reason: string | null) =>
  reason && reason !== CONSENT_WITHDRAWN && reason !== 'removed' ? reason : null

export const daysBetween = (from: Date, to: Date) =>
  Math.floor((to.getTime() - from.getTime()) / 86_400_000)
