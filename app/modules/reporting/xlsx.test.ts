import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { columnName, sheetNames, unzip, xlsx } from './xlsx'

describe('xlsx', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })

  it('makes sheet names valid and unique', () => {
    expect(sheetNames(['Frivillige', 'Frivillige', 'A/B: [x]?', ''])).toEqual([
      'Frivillige',
      'Frivillige 2',
      'A B   x',
      'Ark 4',
    ])
    expect(sheetNames(['x'.repeat(40)])[0]!.length).toBeLessThanOrEqual(31)
  })

  it('writes a zip whose parts read back, numbers as numbers and text escaped', () => {
    const files = unzip(
      xlsx([{ name: 'Tal', rows: [['Fremmøde', 12], ['<5 & "mere"', null], ['=SUM(A1)']] }]),
      inflateRawSync,
    )
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
    ])
    const sheet = files.get('xl/worksheets/sheet1.xml')!
    expect(sheet).toContain('<c r="B1"><v>12</v></c>')
    expect(sheet).toContain('&lt;5 &amp; &quot;mere&quot;')
    // a formula-looking text stays an inline string, never a <f> formula
    expect(sheet).not.toContain('<f>')
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="Tal"')
  })
})
