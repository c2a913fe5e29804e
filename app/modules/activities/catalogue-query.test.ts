import { describe, expect, it } from 'vitest'
import { catalogueSearch, parseCatalogueQuery, prefixTerms, Q_MAX } from './catalogue-query'

const parse = (search: string) => parseCatalogueQuery(new URLSearchParams(search))

describe('parseCatalogueQuery', () => {
  it('reads every filter', () => {
    expect(
      parse(
        'q=fodbold&category=sport&category=meal&weekday=TU&time=evening&municipality=rodovre' +
          '&area=0000000A-0000-4000-8000-000000000001&free=1&open=1&membership=1&page=3',
      ),
    ).toEqual({
      q: 'fodbold',
      categories: ['sport', 'meal'],
      weekdays: ['TU'],
      times: ['evening'],
      municipality: 'rodovre',
      areaId: '0000000a-0000-4000-8000-000000000001',
      free: true,
      open: true,
      noMembership: true,
      page: 3,
    })
  })

  it('drops what it does not know instead of failing', () => {
    const query = parse(
      'weekday=XX&weekday=MO&category=zzz&time=night&area=abc&municipality=%3Cscript%3E&free=yes&page=-1',
    )
    expect(query.weekdays).toEqual(['MO'])
    expect(query.categories).toEqual([])
    expect(query.times).toEqual([])
    expect(query.areaId).toBeNull()
    expect(query.municipality).toBeNull()
    expect(query.free).toBe(false)
    expect(query.page).toBe(1)
    expect(parse('page=abc').page).toBe(1)
    expect(parse('page=2.5').page).toBe(1)
    expect(parse('page=99999999').page).toBe(500)
  })

  it('cleans the search text', () => {
    expect(parse('q=%20%20fod%00bold%0A%20i%20%20parken').q).toBe('fod bold i parken')
    expect(parse(`q=${'a'.repeat(300)}`).q).toHaveLength(Q_MAX)
  })
})

describe('catalogueSearch', () => {
  it('round-trips a query and sets the page', () => {
    const search = 'q=fodbold&category=sport&weekday=TU&time=evening&municipality=all&free=1'
    const query = parse(search)
    expect(parse(catalogueSearch(query, 2).slice(1))).toEqual({ ...query, page: 2 })
    expect(catalogueSearch(query, 1)).not.toContain('page=')
    expect(catalogueSearch(parse(''))).toBe('')
  })
})

describe('prefixTerms', () => {
  it('keeps only letters and digits, so nothing reaches tsquery syntax', () => {
    expect(prefixTerms("fodb & !yoga:* | 'x' (gåtur) 2026")).toEqual([
      'fodb',
      'yoga',
      'gåtur',
      '2026',
    ])
    expect(prefixTerms('a b')).toEqual([])
  })

  it('leaves web-search syntax to websearch_to_tsquery', () => {
    expect(prefixTerms('fodbold -film')).toEqual([])
    expect(prefixTerms('"fodbold i parken"')).toEqual([])
    expect(prefixTerms('yoga or dans')).toEqual([])
    expect(prefixTerms('gå-tur ordblind')).toEqual(['gå', 'tur', 'ordblind'])
  })
})
