// Small-number suppression (diskretionering) for everything the reports show or export.
//
// Rules (docs/decisions/018-reporting.md):
// - a count from 1 to 4 is hidden and shown as "<5" (primary suppression);
// - 0 is shown as 0: nobody is described by it. It is hidden only when that is the sole way to
//   protect another cell;
// - in a table with totals, no hidden cell may be recomputable from what is shown. Every line
//   (a row with its total, a column with its total, the totals with the grand total) must hide
//   none or at least two of its figures, and an exact check over the whole system of equations
//   catches the combinations that the line rule alone misses. Extra cells are hidden
//   (complementary suppression), smallest first, until nothing hidden can be derived;
// - percentages are computed only from figures that are shown, and rounded to whole numbers.

export const THRESHOLD = 5

/** One figure as it may be published: `value` is null exactly when it is hidden. */
export interface Figure {
  value: number | null
  suppressed: boolean
}

export interface TableInput {
  /** Raw counts, rows × columns (every row the same length). */
  cells: number[][]
  /** A total per row (the sum of the row). */
  rowTotals?: boolean
  /** A total per column (the sum of the column); with rowTotals also a grand total. */
  columnTotals?: boolean
  threshold?: number
  /** Hide the grand total (or a one-line table's total) from the start: it is hidden elsewhere. */
  hideTotal?: boolean
}

export interface SuppressedTable {
  cells: Figure[][]
  rowTotals: Figure[] | null
  columnTotals: Figure[] | null
  /** Present when the table has both row and column totals. */
  total: Figure | null
}

const shown = (value: number): Figure => ({ value, suppressed: false })
const hidden: Figure = { value: null, suppressed: true }

export const isSmall = (n: number, threshold = THRESHOLD) => n > 0 && n < threshold

/** A single count with nothing to add up to: primary suppression only. */
export function suppressCount(n: number, threshold = THRESHOLD): Figure {
  return isSmall(n, threshold) ? hidden : shown(n)
}

/** A figure that is not a count of people (an amount, a target): passed on as it is. */
export const plainFigure = (n: number): Figure => shown(n)

/** Whole per cent of `part` in `whole`, or null when either is hidden or the whole is 0. */
export function percent(part: Figure, whole: Figure): number | null {
  if (part.value === null || whole.value === null || whole.value === 0) return null
  return Math.round((part.value / whole.value) * 100)
}

interface Variable {
  value: number
  /** Inner cells are hidden before totals when a complement is needed. */
  isTotal: boolean
}

/** The table as variables and the equations (Σ members − total = 0) that tie them. */
function model(input: TableInput) {
  const rows = input.cells.length
  const cols = input.cells[0]?.length ?? 0
  for (const row of input.cells)
    if (row.length !== cols) throw new Error('suppressTable: rows of different length')
  const vars: Variable[] = []
  const cellIndex = input.cells.map((row) =>
    row.map((value) => {
      if (!Number.isInteger(value) || value < 0)
        throw new Error('suppressTable: counts are whole numbers ≥ 0')
      vars.push({ value, isTotal: false })
      return vars.length - 1
    }),
  )
  const equations: number[][] = []
  let rowTotalIndex: number[] | null = null
  let columnTotalIndex: number[] | null = null
  let totalIndex: number | null = null
  if (input.rowTotals) {
    rowTotalIndex = input.cells.map((row, i) => {
      vars.push({ value: row.reduce((a, b) => a + b, 0), isTotal: true })
      const k = vars.length - 1
      equations.push([...cellIndex[i]!, k])
      return k
    })
  }
  if (input.columnTotals) {
    columnTotalIndex = Array.from({ length: cols }, (_, j) => {
      vars.push({ value: input.cells.reduce((a, row) => a + row[j]!, 0), isTotal: true })
      const k = vars.length - 1
      equations.push([...cellIndex.map((row) => row[j]!), k])
      return k
    })
  }
  if (rowTotalIndex && columnTotalIndex && rows > 0 && cols > 0) {
    vars.push({
      value: input.cells.flat().reduce((a, b) => a + b, 0),
      isTotal: true,
    })
    totalIndex = vars.length - 1
    equations.push([...rowTotalIndex, totalIndex], [...columnTotalIndex, totalIndex])
  }
  return { vars, equations, cellIndex, rowTotalIndex, columnTotalIndex, totalIndex }
}

/** The last member of each equation is its total: +1 for members, −1 for the total. */
const coefficient = (equation: number[], position: number) =>
  position === equation.length - 1 ? -1 : 1

/**
 * The hidden variables whose value follows from the shown ones: x_k is determined exactly when
 * the unit vector e_k lies in the row space of the equations restricted to the hidden
 * variables, i.e. when the reduced row echelon form has a row whose only non-zero is at k.
 */
export function determinedHidden(equations: number[][], isHidden: boolean[]): number[] {
  const hiddenVars = isHidden.flatMap((h, k) => (h ? [k] : []))
  if (hiddenVars.length === 0) return []
  const column = new Map(hiddenVars.map((k, c) => [k, c]))
  const m: number[][] = []
  for (const eq of equations) {
    const row = new Array<number>(hiddenVars.length).fill(0)
    let any = false
    eq.forEach((k, position) => {
      const c = column.get(k)
      if (c !== undefined) {
        row[c]! += coefficient(eq, position)
        any = true
      }
    })
    if (any) m.push(row)
  }
  const eps = 1e-9
  const pivots: number[] = []
  let r = 0
  for (let c = 0; c < hiddenVars.length && r < m.length; c++) {
    let best = r
    for (let i = r + 1; i < m.length; i++)
      if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i
    if (Math.abs(m[best]![c]!) < eps) continue
    ;[m[r], m[best]] = [m[best]!, m[r]!]
    const pivot = m[r]![c]!
    for (let j = 0; j < hiddenVars.length; j++) m[r]![j]! /= pivot
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue
      const f = m[i]![c]!
      if (Math.abs(f) < eps) continue
      for (let j = 0; j < hiddenVars.length; j++) m[i]![j]! -= f * m[r]![j]!
    }
    pivots.push(c)
    r++
  }
  const determined: number[] = []
  pivots.forEach((c, i) => {
    const alone = m[i]!.every((v, j) => j === c || Math.abs(v) < eps)
    if (alone) determined.push(hiddenVars[c]!)
  })
  return determined
}

/** The shown member of an equation to hide next: the smallest non-zero count, cells first. */
function complementIn(equation: number[], vars: Variable[], isHidden: boolean[], zeros: boolean) {
  let best: number | null = null
  for (const k of equation) {
    if (isHidden[k]) continue
    const v = vars[k]!
    if (v.value === 0 && !zeros) continue
    if (
      best === null ||
      Number(v.isTotal) < Number(vars[best]!.isTotal) ||
      (v.isTotal === vars[best]!.isTotal && v.value < vars[best]!.value)
    )
      best = k
  }
  return best
}

/**
 * Suppresses a table of counts (with optional row and column totals) so that every count from
 * 1 to threshold − 1 is hidden and no hidden figure can be recomputed from the shown ones.
 */
export function suppressTable(input: TableInput): SuppressedTable {
  const threshold = input.threshold ?? THRESHOLD
  const { vars, equations, cellIndex, rowTotalIndex, columnTotalIndex, totalIndex } = model(input)
  const isHidden = vars.map((v) => isSmall(v.value, threshold))
  if (input.hideTotal) {
    const k =
      totalIndex ??
      (rowTotalIndex?.length === 1 ? rowTotalIndex[0] : undefined) ??
      (columnTotalIndex?.length === 1 ? columnTotalIndex[0] : undefined)
    if (k !== undefined) isHidden[k] = true
  }

  const hideOneFor = (equationsOf: number[][]): boolean => {
    for (const zeros of [false, true]) {
      for (const eq of equationsOf) {
        const k = complementIn(eq, vars, isHidden, zeros)
        if (k !== null) {
          isHidden[k] = true
          return true
        }
      }
    }
    return false
  }

  for (let guard = 0; guard <= vars.length; guard++) {
    let changed = false
    // The line rule: a line with exactly one hidden figure gives it away by subtraction.
    for (const eq of equations) {
      if (eq.filter((k) => isHidden[k]).length === 1 && hideOneFor([eq])) changed = true
    }
    if (changed) continue
    // The exact rule: combinations of lines (e.g. two hidden blocks joined by one cell).
    const determined = determinedHidden(equations, isHidden)
    if (determined.length === 0) break
    const k = determined[0]!
    if (!hideOneFor(equations.filter((eq) => eq.includes(k)))) break
  }

  const figure = (k: number): Figure => (isHidden[k] ? hidden : shown(vars[k]!.value))
  return {
    cells: cellIndex.map((row) => row.map(figure)),
    rowTotals: rowTotalIndex ? rowTotalIndex.map(figure) : null,
    columnTotals: columnTotalIndex ? columnTotalIndex.map(figure) : null,
    total: totalIndex === null ? null : figure(totalIndex),
  }
}

/** A list of counts with its total (e.g. referrals by state): a one-column table. */
export function suppressList(
  counts: number[],
  options: { threshold?: number; hideTotal?: boolean } = {},
): {
  items: Figure[]
  total: Figure
} {
  if (counts.length === 0) return { items: [], total: shown(0) }
  const table = suppressTable({
    cells: counts.map((n) => [n]),
    columnTotals: true,
    threshold: options.threshold,
    hideTotal: options.hideTotal,
  })
  return { items: table.cells.map((row) => row[0]!), total: table.columnTotals![0]! }
}

/** How a figure reads on a page or in an export: "<5" when hidden, else the formatted number. */
export function figureText(f: Figure, format: (n: number) => string = String): string {
  return f.value === null ? `<${THRESHOLD}` : format(f.value)
}
