import type { RequirementKind } from '../../../db/schema.ts'
import { REQUIREMENT_KINDS } from './vocab'

// When a requirement (interview, references, criminal-record certificate …) stops counting.
// Dates are Copenhagen calendar dates ('YYYY-MM-DD'); a requirement that expires on a date is
// valid up to and including the day before, and on that date the volunteer is back in
// screening. The SQL twin of this rule is volunteerIsEligible (eligibility.server.ts).

/** The date `months` after `date`; the 31st becomes the month's last day (2026-01-31 + 1 → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const total = y! * 12 + (m! - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const day = Math.min(d!, last)
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export const expiresOnFor = (checkedOn: string, validMonths: number | null) =>
  validMonths === null ? null : addMonths(checkedOn, validMonths)

export const isExpired = (expiresOn: string | null, today: string) =>
  expiresOn !== null && expiresOn <= today

export type RequirementStatus = 'valid' | 'expiring' | 'expired' | 'missing'

export interface RequirementRecord {
  kind: RequirementKind
  checkedOn: string
  expiresOn: string | null
}

export interface RequirementLine {
  kind: RequirementKind
  status: RequirementStatus
  checkedOn: string | null
  expiresOn: string | null
}

/** Days from `from` to `to` (calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export const WARNING_DAYS = [30, 7] as const
export type WarningDays = (typeof WARNING_DAYS)[number]

/**
 * The status of each required kind from the newest record of that kind. "Expiring" means within
 * the 30-day renewal window.
 */
export function requirementLines(
  required: readonly RequirementKind[],
  records: readonly RequirementRecord[],
  today: string,
): RequirementLine[] {
  const ordered = REQUIREMENT_KINDS.filter((k) => required.includes(k))
  return ordered.map((kind) => {
    const newest = records
      .filter((r) => r.kind === kind)
      .sort((a, b) => (a.checkedOn < b.checkedOn ? 1 : a.checkedOn > b.checkedOn ? -1 : 0))[0]
    if (!newest) return { kind, status: 'missing', checkedOn: null, expiresOn: null }
    const status: RequirementStatus = isExpired(newest.expiresOn, today)
      ? 'expired'
      : newest.expiresOn !== null && daysBetween(today, newest.expiresOn) <= WARNING_DAYS[0]
        ? 'expiring'
        : 'valid'
    return { kind, status, checkedOn: newest.checkedOn, expiresOn: newest.expiresOn }
  })
}

export const requirementsMet = (lines: readonly RequirementLine[]) =>
  lines.every((l) => l.status === 'valid' || l.status === 'expiring')

/** Which warning (30 or 7 days before) is due today for a requirement, if any. */
export function warningDue(expiresOn: string | null, today: string): WarningDays | null {
  if (expiresOn === null || isExpired(expiresOn, today)) return null
  const left = daysBetween(today, expiresOn)
  if (left <= 7) return 7
  if (left <= 30) return 30
  return null
}
