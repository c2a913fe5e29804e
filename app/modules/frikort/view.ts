import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import { formatDay, formatShortDay } from '../partnerships/format'
import { formatKroner } from '../partnerships/money'
import type { EarningRow } from './balance.server'
import type { Balance } from './rules'

// What the frikort pages send to the browser: plain, already formatted values.

export interface BalanceView {
  year: number
  total: string
  cap: string | null
  remaining: string | null
  percent: number | null
}

const kr = (t: TFunction, oere: number, lng: Language) =>
  t('common.price.amount', { amount: formatKroner(oere, lng) })

export function balanceView(b: Balance, lng: Language, t: TFunction): BalanceView {
  return {
    year: b.year,
    total: kr(t, b.totalOre, lng),
    cap: b.capOre === null ? null : kr(t, b.capOre, lng),
    remaining: b.remainingOre === null ? null : kr(t, b.remainingOre, lng),
    percent: b.percent,
  }
}

export interface EarningView {
  id: string
  employer: string
  period: string
  paidOn: string
  amount: string
  isReversal: boolean
  reversed: boolean
  note: string | null
}

export function earningView(e: EarningRow, lng: Language, t: TFunction): EarningView {
  return {
    id: e.id,
    employer: e.employerName,
    period: `${formatShortDay(e.periodStart, lng)}–${formatShortDay(e.periodEnd, lng)}`,
    paidOn: formatShortDay(e.paidOn, lng),
    amount: kr(t, e.amountOre, lng),
    isReversal: e.reversesId !== null,
    reversed: e.reversedBy !== null,
    note: e.note,
  }
}

export const dayText = formatDay
export const shortDayText = formatShortDay
export const kroner = kr
