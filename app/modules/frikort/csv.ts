// The employer's export for its own registration in Socialtfrikort.dk: semicolon-separated with
// a byte-order mark and decimal commas, so Danish Excel opens it as it is.

export interface CsvEntry {
  periodStart: string
  periodEnd: string
  paidOn: string
  amountOre: number
  reversesId: string | null
  id: string
}

export interface CsvLabels {
  notice: string
  columns: [string, string, string, string, string, string]
  reversal: string
}

/** A cell that a spreadsheet could read as a formula is prefixed with an apostrophe. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value) ? `'${value}` : value
  return /[;"\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function amountCell(oere: number): string {
  const sign = oere < 0 ? '-' : ''
  const abs = Math.abs(oere)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

export function earningsCsv(name: string, entries: CsvEntry[], labels: CsvLabels): string {
  const lines = [
    [labels.notice],
    labels.columns,
    ...entries.map((e) => [
      name,
      e.periodStart,
      e.periodEnd,
      e.paidOn,
      amountCell(e.amountOre),
      e.reversesId ? labels.reversal : '',
    ]),
  ]
  return '\uFEFF' + lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n'
}
