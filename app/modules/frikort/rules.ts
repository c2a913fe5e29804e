// The cap rules of the social free card (socialt frikort), PRODUCT.md §3.6. Pure: amounts in
// øre, days as 'YYYY-MM-DD' (a pay date has no time of day).

export interface Cap {
  id: string
  validFrom: string
  validTo: string | null
  amountOre: number
}

/** The citizen and the caseworker are told when the year's total reaches these shares. */
export const THRESHOLDS = [80, 100] as const
export type Threshold = (typeof THRESHOLDS)[number]

export const yearOf = (day: string) => Number(day.slice(0, 4))

/** The cap that applies is the one whose range holds the pay date (not the year's start). */
export function capFor(caps: readonly Cap[], day: string): Cap | null {
  return caps.find((c) => c.validFrom <= day && (c.validTo === null || day <= c.validTo)) ?? null
}

export interface Balance {
  year: number
  totalOre: number
  capOre: number | null
  remainingOre: number | null
  /** Whole per cent of the cap used, rounded down. */
  percent: number | null
}

export function balanceOf(year: number, totalOre: number, capOre: number | null): Balance {
  if (capOre === null) return { year, totalOre, capOre, remainingOre: null, percent: null }
  return {
    year,
    totalOre,
    capOre,
    remainingOre: Math.max(capOre - totalOre, 0),
    percent: Math.floor((totalOre * 100) / capOre),
  }
}

export type EntryCheck =
  { ok: true; newTotalOre: number } | { ok: false; reason: 'overCap'; remainingOre: number }

/** An entry may bring the year's total up to the cap, never past it. */
export function checkEntry(totalOre: number, capOre: number, amountOre: number): EntryCheck {
  const newTotalOre = totalOre + amountOre
  if (newTotalOre > capOre)
    return { ok: false, reason: 'overCap', remainingOre: Math.max(capOre - totalOre, 0) }
  return { ok: true, newTotalOre }
}

/** The thresholds a change of the year's total passes upwards (each told once a year). */
export function thresholdsCrossed(
  beforeOre: number,
  afterOre: number,
  capOre: number,
): Threshold[] {
  return THRESHOLDS.filter((t) => beforeOre * 100 < t * capOre && t * capOre <= afterOre * 100)
}

/** A control at least every second calendar year: by 31 December of the year after next. */
export function latestControlDue(fromDay: string): string {
  return `${yearOf(fromDay) + 2}-12-31`
}

/** What the form suggests: a year after the decision or control (28 Feb for a 29 Feb). */
export function suggestedControlDue(fromDay: string): string {
  const [y, m, d] = fromDay.split('-')
  const day = m === '02' && d === '29' ? '28' : d
  return `${Number(y) + 1}-${m}-${day}`
}

/** How many days before the control is due the caseworker is reminded. */
export const CONTROL_REMINDER_DAYS = 30

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}
