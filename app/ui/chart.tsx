import { useId } from 'react'

// Charts drawn on the server as SVG (they show without JavaScript), always with the same numbers
// in a table beside them and a one-sentence summary. Colours reach 3:1 against white as WCAG
// asks of graphics, and each series also has its own pattern (solid, stripes, dots) and a legend,
// so colour is never the only way to tell them apart. A hidden figure ("<5") is drawn as a
// marked gap, never as a bar of some height.

export interface ChartSeries {
  label: string
  /** null: hidden by small-number suppression */
  values: (number | null)[]
}

export interface ChartProps {
  kind: 'bar' | 'line'
  title: string
  summary: string
  categories: string[]
  series: ChartSeries[]
  /** The text drawn in place of a hidden figure. */
  hiddenLabel?: string
}

const COLOURS = ['#0b4f8a', '#8a3b00', '#00703c']
const WIDTH = 640
const HEIGHT = 260
const M = { top: 16, right: 12, bottom: 44, left: 52 }

function niceMax(max: number): number {
  if (max <= 0) return 4
  const magnitude = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * magnitude
    if (candidate >= max) return candidate
  }
  return 10 * magnitude
}

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-p1`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#fff" />
        <path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke={COLOURS[1]} strokeWidth="2" />
      </pattern>
      <pattern id={`${prefix}-p2`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#fff" />
        <circle cx="3" cy="3" r="1.8" fill={COLOURS[2]} />
      </pattern>
    </defs>
  )
}

const fillFor = (prefix: string, i: number) => (i === 0 ? COLOURS[0] : `url(#${prefix}-p${i})`)

export function Chart({
  kind,
  title,
  summary,
  categories,
  series,
  hiddenLabel = '<5',
}: ChartProps) {
  const id = useId().replace(/:/g, '')
  const titleId = `${id}-title`
  const summaryId = `${id}-summary`
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))))
  const plotW = WIDTH - M.left - M.right
  const plotH = HEIGHT - M.top - M.bottom
  const y = (v: number) => M.top + plotH - (v / max) * plotH
  const band = categories.length ? plotW / categories.length : plotW
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f * 10) / 10)
  // Long category lists (12 months) keep every label; a very long one shows every other.
  const labelEvery = categories.length > 16 ? 2 : 1
  return (
    <figure className="chart">
      <figcaption>
        <span id={titleId} className="chart__title">
          {title}
        </span>
        <span id={summaryId} className="chart__summary">
          {summary}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${summaryId}`}
        className="chart__svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <Patterns prefix={id} />
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={M.left}
              x2={WIDTH - M.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke={tick === 0 ? '#1a1a1a' : '#b1b4b6'}
              strokeWidth="1"
            />
            <text x={M.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#1a1a1a">
              {tick}
            </text>
          </g>
        ))}
        {categories.map((c, ci) =>
          ci % labelEvery === 0 ? (
            <text
              key={c}
              x={M.left + band * ci + band / 2}
              y={HEIGHT - M.bottom + 16}
              textAnchor="middle"
              fontSize="12"
              fill="#1a1a1a"
            >
              {c.length > 10 ? `${c.slice(0, 9)}…` : c}
            </text>
          ) : null,
        )}
        {kind === 'bar'
          ? series.map((s, si) => {
              const barW = Math.max(2, (band * 0.8) / Math.max(1, series.length))
              return s.values.map((v, ci) => {
                const x = M.left + band * ci + band * 0.1 + barW * si
                if (v === null)
                  return (
                    <text
                      key={`${si}-${ci}`}
                      x={x + barW / 2}
                      y={y(0) - 4}
                      textAnchor="middle"
                      fontSize="10"
                      fill="#1a1a1a"
                    >
                      {hiddenLabel}
                    </text>
                  )
                return (
                  <rect
                    key={`${si}-${ci}`}
                    x={x}
                    y={y(v)}
                    width={barW}
                    height={Math.max(0, y(0) - y(v))}
                    fill={fillFor(id, si)}
                    stroke={COLOURS[si % COLOURS.length]}
                    strokeWidth="1"
                  />
                )
              })
            })
          : series.map((s, si) => {
              const points = s.values
                .map((v, ci) => (v === null ? null : `${M.left + band * ci + band / 2},${y(v)}`))
                .filter((p): p is string => p !== null)
              return (
                <g key={s.label}>
                  <polyline
                    points={points.join(' ')}
                    fill="none"
                    stroke={COLOURS[si % COLOURS.length]}
                    strokeWidth="2"
                    strokeDasharray={si === 0 ? undefined : si === 1 ? '6 3' : '2 3'}
                  />
                  {s.values.map((v, ci) =>
                    v === null ? (
                      <text
                        key={ci}
                        x={M.left + band * ci + band / 2}
                        y={y(0) - 4}
                        textAnchor="middle"
                        fontSize="10"
                        fill="#1a1a1a"
                      >
                        {hiddenLabel}
                      </text>
                    ) : (
                      <rect
                        key={ci}
                        x={M.left + band * ci + band / 2 - 3}
                        y={y(v) - 3}
                        width="6"
                        height="6"
                        fill={COLOURS[si % COLOURS.length]}
                        transform={
                          si === 1
                            ? `rotate(45 ${M.left + band * ci + band / 2} ${y(v)})`
                            : undefined
                        }
                      />
                    ),
                  )}
                </g>
              )
            })}
      </svg>
      {series.length > 1 || kind === 'line' ? (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((s, si) => (
            <li key={s.label}>
              <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <Patterns prefix={`${id}-l${si}`} />
                <rect
                  x="1"
                  y="1"
                  width="14"
                  height="14"
                  fill={fillFor(`${id}-l${si}`, si)}
                  stroke={COLOURS[si % COLOURS.length]}
                />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  )
}

export interface TableCell {
  text: string
  suppressed?: boolean
}

export interface FigureTableProps {
  id?: string
  caption: string
  rowHeader: string
  columns: string[]
  rows: { label: string; cells: TableCell[]; total?: boolean }[]
  note?: string
}

/** A table of report figures: row headers, numbers aligned right, hidden figures marked. */
export function FigureTable({ id, caption, rowHeader, columns, rows, note }: FigureTableProps) {
  return (
    <div
      className="table-wrap figure-table"
      id={id}
      role="region"
      aria-label={caption}
      // A wide table scrolls sideways: the region takes focus so a keyboard can scroll it (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => (
              <th key={c} scope="col" className="figure-table__number">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.label}-${i}`} className={r.total ? 'figure-table__total' : undefined}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, j) => (
                <td
                  key={j}
                  className={
                    c.suppressed
                      ? 'figure-table__number figure-table__hidden'
                      : 'figure-table__number'
                  }
                >
                  {c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {note ? <p className="figure-table__note">{note}</p> : null}
    </div>
  )
}

export interface ReportBodyProps {
  sections: {
    id: string
    title: string
    lead?: string
    charts: (ChartProps & { tableId: string })[]
    tables: (Omit<FigureTableProps, 'caption'> & { id: string; title: string })[]
  }[]
  hiddenLabel?: string
  /** The level of the section headings (2 on the dashboard and the print page). */
  level?: 2 | 3
}

/** A whole report: per section its charts, each followed by its table, then the other tables. */
export function ReportBody({ sections, hiddenLabel, level = 2 }: ReportBodyProps) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <>
      {sections.map((s) => {
        const charted = new Set(s.charts.map((c) => c.tableId))
        const table = (tb: ReportBodyProps['sections'][number]['tables'][number]) => (
          <FigureTable
            key={tb.id}
            id={`table-${tb.id}`}
            caption={tb.title}
            rowHeader={tb.rowHeader}
            columns={tb.columns}
            rows={tb.rows}
            note={tb.note}
          />
        )
        return (
          <section key={s.id} aria-labelledby={`section-${s.id}`} className="report-section">
            <Heading id={`section-${s.id}`}>{s.title}</Heading>
            {s.lead ? <p>{s.lead}</p> : null}
            {s.charts.map((c) => {
              const tb = s.tables.find((x) => x.id === c.tableId)
              return (
                <div key={c.tableId} className="chart-with-table">
                  <Chart {...c} hiddenLabel={hiddenLabel} />
                  {tb ? table(tb) : null}
                </div>
              )
            })}
            {s.tables.filter((tb) => !charted.has(tb.id)).map(table)}
          </section>
        )
      })}
    </>
  )
}
