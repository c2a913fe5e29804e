import { describe, expect, it } from 'vitest'
import { amountCell, csvCell, earningsCsv } from './csv'

describe('the employer CSV', () => {
  it('writes øre as kroner with a decimal comma, negative for a reversal', () => {
    expect(amountCell(125050)).toBe('1250,50')
    expect(amountCell(-100)).toBe('-1,00')
    expect(amountCell(5)).toBe('0,05')
  })

  it('keeps a spreadsheet from reading a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('@sum')).toBe("'@sum")
    expect(csvCell('-12,00')).toBe('-12,00')
  })

  it('starts with the Socialtfrikort.dk notice and marks reversals', () => {
    const csv = earningsCsv(
      'Lars',
      [
        {
          id: 'a',
          periodStart: '2026-03-01',
          periodEnd: '2026-03-14',
          paidOn: '2026-03-15',
          amountOre: 100000,
          reversesId: null,
        },
        {
          id: 'b',
          periodStart: '2026-03-01',
          periodEnd: '2026-03-14',
          paidOn: '2026-03-15',
          amountOre: -100000,
          reversesId: 'a',
        },
      ],
      {
        notice: 'Registrér i Socialtfrikort.dk',
        columns: ['Navn', 'Fra', 'Til', 'Udbetalt', 'Beløb', 'Rettelse'],
        reversal: 'Modpost',
      },
    )
    expect(csv.startsWith('\uFEFFRegistrér i Socialtfrikort.dk\r\n')).toBe(true)
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFRegistrér i Socialtfrikort.dk',
      'Navn;Fra;Til;Udbetalt;Beløb;Rettelse',
      'Lars;2026-03-01;2026-03-14;2026-03-15;1000,00;',
      'Lars;2026-03-01;2026-03-14;2026-03-15;-1000,00;Modpost',
      '',
    ])
  })
})
