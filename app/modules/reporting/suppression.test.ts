import { describe, expect, it } from 'vitest'
import {
  determinedHidden,
  figureText,
  percent,
  suppressCount,
  suppressList,
  suppressTable,
  type SuppressedTable,
  type TableInput,
} from './suppression'

// An independent check of "no hidden figure can be recomputed": a table with margins is a
// bipartite graph (row nodes, column nodes, plus one node for each margin), every hidden figure
// an edge. A hidden figure can be changed without changing any shown sum exactly when its edge
// lies on a cycle (add and subtract 1 around it); a bridge edge is pinned down by the others.
function recoverable(input: TableInput, out: SuppressedTable): string[] {
  const edges: { name: string; a: string; b: string }[] = []
  out.cells.forEach((row, i) =>
    row.forEach((f, j) => {
      if (f.suppressed) edges.push({ name: `cell ${i},${j}`, a: `R${i}`, b: `C${j}` })
    }),
  )
  // A margin behaves like one more column (row totals) or row (column totals).
  out.rowTotals?.forEach((f, i) => {
    if (f.suppressed) edges.push({ name: `row total ${i}`, a: `R${i}`, b: 'Ctotal' })
  })
  out.columnTotals?.forEach((f, j) => {
    if (f.suppressed) edges.push({ name: `column total ${j}`, a: 'Rtotal', b: `C${j}` })
  })
  if (out.total?.suppressed) edges.push({ name: 'total', a: 'Rtotal', b: 'Ctotal' })
  // Without a margin the lines on that side have no equation: all such nodes act as one free
  // node that absorbs any change.
  const free = new Set<string>()
  if (!input.rowTotals) input.cells.forEach((_, i) => free.add(`R${i}`))
  if (!input.columnTotals) input.cells[0]?.forEach((_, j) => free.add(`C${j}`))
  if (!(input.rowTotals && input.columnTotals)) {
    free.add('Rtotal')
    free.add('Ctotal')
  }
  const node = (n: string) => (free.has(n) ? 'FREE' : n)
  const graph = edges.map((e) => ({ name: e.name, a: node(e.a), b: node(e.b) }))
  const onCycle = (skip: number) => {
    const { a, b } = graph[skip]!
    if (a === b) return true
    const seen = new Set([a])
    const stack = [a]
    while (stack.length) {
      const at = stack.pop()!
      if (at === b) return true
      graph.forEach((e, k) => {
        if (k === skip) return
        const next = e.a === at ? e.b : e.b === at ? e.a : null
        if (next && !seen.has(next)) {
          seen.add(next)
          stack.push(next)
        }
      })
    }
    return false
  }
  return graph.filter((_, k) => !onCycle(k)).map((e) => e.name)
}

function expectSafe(input: TableInput) {
  const out = suppressTable(input)
  const threshold = input.threshold ?? 5
  input.cells.forEach((row, i) =>
    row.forEach((n, j) => {
      const f = out.cells[i]![j]!
      if (n > 0 && n < threshold) expect(f.suppressed, `cell ${i},${j} = ${n}`).toBe(true)
      if (!f.suppressed) expect(f.value).toBe(n)
    }),
  )
  expect(recoverable(input, out)).toEqual([])
  return out
}

const values = (figures: { value: number | null }[]) => figures.map((f) => f.value)

describe('suppressCount', () => {
  it('hides 1 to 4 and shows 0 and 5 and above', () => {
    expect([0, 1, 4, 5, 120].map((n) => suppressCount(n).value)).toEqual([0, null, null, 5, 120])
    expect(figureText(suppressCount(3))).toBe('<5')
    expect(figureText(suppressCount(0))).toBe('0')
  })
})

describe('suppressTable', () => {
  it('hides a second figure when a row with a total has exactly one small cell', () => {
    const out = expectSafe({ cells: [[2, 8, 9]], rowTotals: true })
    // the next-smallest cell goes with it; the total stays
    expect(values(out.cells[0]!)).toEqual([null, null, 9])
    expect(out.rowTotals![0]!.value).toBe(19)
  })

  it('protects a small cell that the column totals would give away', () => {
    const out = expectSafe({
      cells: [
        [2, 10],
        [7, 11],
      ],
      columnTotals: true,
    })
    expect(values(out.cells.map((r) => r[0]!))).toEqual([null, null])
    expect(out.columnTotals![0]!.value).toBe(9)
  })

  it('iterates until rows and columns both hold: a complement can create a new lone cell', () => {
    expectSafe({
      cells: [
        [3, 10, 40],
        [12, 20, 41],
        [30, 31, 42],
      ],
      rowTotals: true,
      columnTotals: true,
    })
  })

  it('catches two hidden blocks joined by one cell, which every single line lets pass', () => {
    const cells = [
      [1, 2, 9, 9],
      [3, 4, 1, 9],
      [9, 9, 2, 3],
      [9, 9, 4, 1],
    ]
    // Primary suppression alone: each line hides 0 or ≥ 2, yet cell (1,2) is pinned down.
    const primary = cells.flat().map((n) => n > 0 && n < 5)
    const equations = [
      ...cells.map((row, i) => [...row.map((_, j) => i * 4 + j), 16 + i]),
      ...cells[0]!.map((_, j) => [...cells.map((_, i) => i * 4 + j), 20 + j]),
      [16, 17, 18, 19, 24],
      [20, 21, 22, 23, 24],
    ]
    const isHidden = [...primary, ...new Array<boolean>(9).fill(false)]
    expect(determinedHidden(equations, isHidden)).toEqual([6])
    const out = expectSafe({ cells, rowTotals: true, columnTotals: true })
    expect(out.cells.flat().filter((f) => f.suppressed).length).toBeGreaterThan(9)
  })

  it('hides totals too when a whole table is small', () => {
    const out = expectSafe({
      cells: [
        [1, 2],
        [3, 4],
      ],
      rowTotals: true,
      columnTotals: true,
    })
    expect(out.cells.flat().every((f) => f.suppressed)).toBe(true)
    expect(out.rowTotals![0]!.suppressed).toBe(true) // 3
    expect(out.columnTotals![0]!.suppressed).toBe(true) // 4
  })

  it('shows zeros and does not use them as complements', () => {
    const out = expectSafe({
      cells: [
        [0, 7, 9],
        [3, 0, 8],
      ],
      rowTotals: true,
    })
    expect(values(out.cells[0]!)).toEqual([0, 7, 9])
    expect(values(out.cells[1]!)).toEqual([null, 0, null])
  })

  it('hides a total that would be the only figure beside one hidden cell', () => {
    const out = expectSafe({ cells: [[3, 0, 0]], rowTotals: true })
    expect(values(out.cells[0]!)).toEqual([null, 0, 0])
    expect(out.rowTotals![0]!.suppressed).toBe(true)
  })

  it('leaves a table without small counts as it is', () => {
    const out = expectSafe({
      cells: [
        [5, 6],
        [7, 0],
      ],
      rowTotals: true,
      columnTotals: true,
    })
    expect(out.cells.flat().some((f) => f.suppressed)).toBe(false)
    expect(out.total!.value).toBe(18)
  })

  it('holds for many random tables (small counts, zeros, both margins)', () => {
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let run = 0; run < 300; run++) {
      const rows = 1 + Math.floor(random() * 6)
      const cols = 1 + Math.floor(random() * 5)
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => {
          const r = random()
          return r < 0.2 ? 0 : r < 0.55 ? 1 + Math.floor(random() * 4) : Math.floor(random() * 40)
        }),
      )
      const rowTotals = random() < 0.7
      const columnTotals = random() < 0.7
      expectSafe({ cells, rowTotals, columnTotals })
    }
  })

  it('refuses what is not a count', () => {
    expect(() => suppressTable({ cells: [[1.5]] })).toThrow()
    expect(() => suppressTable({ cells: [[-1]] })).toThrow()
  })
})

describe('suppressList', () => {
  it('hides the next-smallest item when one small item and the total are shown', () => {
    const { items, total } = suppressList([12, 3, 40, 7])
    expect(values(items)).toEqual([12, null, 40, null])
    expect(total.value).toBe(62)
  })
})

describe('percent', () => {
  it('is computed from shown figures only, rounded', () => {
    expect(percent({ value: 2, suppressed: false }, { value: 3, suppressed: false })).toBe(67)
    expect(percent({ value: null, suppressed: true }, { value: 30, suppressed: false })).toBe(null)
    expect(percent({ value: 5, suppressed: false }, { value: 0, suppressed: false })).toBe(null)
  })
})
