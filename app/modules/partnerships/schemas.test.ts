import { describe, expect, it } from 'vitest'
import { parseForm } from '~/ui/forms'
import {
  criterionField,
  criterionRowsFrom,
  OutreachSchema,
  parseDay,
  parseYearFilter,
  PartnershipFormSchema,
  ProgressSchema,
  withBlankRows,
} from './schemas'

const ORG = '00000000-0000-4000-8001-000000000003'
const GOAL = '3f2a8c1e-5b7d-4e0a-9c6f-1d2e3f4a5b6c'

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields))
    for (const v of ([] as string[]).concat(value)) data.append(key, v)
  return data
}

const valid = {
  organisationId: ORG,
  title: 'Følgevenner i Café Broen',
  poolYear: '2021',
  amount: '525.500',
  periodStart: '2021-01-01',
  periodEnd: '2022-12-31',
  legalBasis: 'sel18',
  purpose: 'Frivillige følgevenner går med til aktiviteter.',
  goalIds: [GOAL, GOAL],
  [criterionField(0, 'description')]: 'Opsøgning på mindst 10 væresteder og herberger',
  [criterionField(0, 'target')]: '10',
  [criterionField(0, 'measure')]: 'outreach',
  [criterionField(1, 'description')]: '',
  [criterionField(1, 'target')]: '',
  [criterionField(1, 'measure')]: 'manual',
  [criterionField(2, 'description')]: 'Omkring 20 borgere hver gang',
  [criterionField(2, 'target')]: '20',
  [criterionField(2, 'measure')]: 'manual',
}

describe('PartnershipFormSchema', () => {
  it('turns the form into a partnership, skipping empty criterion rows', () => {
    const parsed = parseForm(PartnershipFormSchema, form(valid))
    expect(parsed).toEqual({
      ok: true,
      data: {
        submissionId: null,
        organisationId: ORG,
        title: 'Følgevenner i Café Broen',
        poolYear: 2021,
        amountOere: 52_550_000,
        periodStart: '2021-01-01',
        periodEnd: '2022-12-31',
        legalBasis: 'sel18',
        purpose: 'Frivillige følgevenner går med til aktiviteter.',
        targetGroupIds: [],
        goalIds: [GOAL],
        criteria: [
          {
            id: null,
            description: 'Opsøgning på mindst 10 væresteder og herberger',
            targetValue: 10,
            measure: 'outreach',
          },
          {
            id: null,
            description: 'Omkring 20 borgere hver gang',
            targetValue: 20,
            measure: 'manual',
          },
        ],
      },
    })
  })

  it('reports every problem at once, the period order included, and keeps what was typed', () => {
    const parsed = parseForm(
      PartnershipFormSchema,
      form({
        ...valid,
        title: ' ',
        amount: 'abc',
        periodStart: '2022-12-31',
        periodEnd: '2022-01-01',
        legalBasis: 'sel99',
        [criterionField(0, 'target')]: 'ti',
        [criterionField(1, 'target')]: '5',
      }),
    )
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    const P = 'pages.staff.partnerships.errors'
    expect(parsed.errors).toEqual({
      title: [`${P}.titleRequired`],
      amount: [`${P}.amountInvalid`],
      periodEnd: [`${P}.periodOrder`],
      legalBasis: [`${P}.legalBasisRequired`],
      [criterionField(0, 'target')]: [`${P}.criterionTargetInvalid`],
      [criterionField(1, 'description')]: [`${P}.criterionDescriptionRequired`],
    })
    expect(parsed.values.amount).toBe('abc')
    expect(parsed.values.periodEnd).toBe('2022-01-01')
  })

  it('tells a missing field from a malformed one', () => {
    const parsed = parseForm(
      PartnershipFormSchema,
      form({ ...valid, amount: '', poolYear: '21', periodStart: '', periodEnd: '31-02-2022' }),
    )
    if (parsed.ok) throw new Error('expected errors')
    const P = 'pages.staff.partnerships.errors'
    expect(parsed.errors.amount).toEqual([`${P}.amountRequired`])
    expect(parsed.errors.poolYear).toEqual([`${P}.poolYearInvalid`])
    expect(parsed.errors.periodStart).toEqual([`${P}.dateRequired`])
    expect(parsed.errors.periodEnd).toEqual([`${P}.dateInvalid`])
  })

  it('refuses a forged organisation id or checkbox value instead of failing later', () => {
    const parsed = parseForm(
      PartnershipFormSchema,
      form({ ...valid, organisationId: "1' or 1=1", targetGroupIds: ['x'] }),
    )
    if (parsed.ok) throw new Error('expected errors')
    expect(Object.keys(parsed.errors).sort()).toEqual(['organisationId', 'targetGroupIds'])
  })

  it('keeps the id of a saved criterion so it is updated, not replaced', () => {
    const parsed = parseForm(
      PartnershipFormSchema,
      form({ ...valid, [criterionField(0, 'id')]: GOAL }),
    )
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    expect(parsed.data.criteria[0]!.id).toBe(GOAL)
  })
})

describe('parseDay', () => {
  it.each([
    ['2021-01-01', '2021-01-01'],
    ['2024-2-29', '2024-02-29'],
    ['31-12-2022', '2022-12-31'],
    ['1.1.2021', '2021-01-01'],
    ['5/3/2025', '2025-03-05'],
  ])('%s → %s', (input, iso) => expect(parseDay(input)).toBe(iso))

  it.each(['2023-02-29', '2021-13-01', '32-01-2021', '1999-12-31', 'i går', ''])(
    'refuses %j',
    (input) => expect(parseDay(input)).toBeNull(),
  )
})

describe('ProgressSchema and OutreachSchema', () => {
  it('reads a manual progress value', () => {
    const parsed = parseForm(
      ProgressSchema,
      form({ intent: 'progress', criterionId: GOAL, value: ' 18 ', note: '' }),
    )
    expect(parsed).toEqual({
      ok: true,
      data: { intent: 'progress', criterionId: GOAL, value: 18, note: null },
    })
  })

  it('gives one message for an empty value, another for a non-number', () => {
    const O = 'pages.orgPartnerships.errors'
    const empty = parseForm(
      ProgressSchema,
      form({ intent: 'progress', criterionId: GOAL, value: '' }),
    )
    const words = parseForm(
      ProgressSchema,
      form({ intent: 'progress', criterionId: GOAL, value: 'atten' }),
    )
    expect(empty.ok ? null : empty.errors).toEqual({ value: [`${O}.valueRequired`] })
    expect(words.ok ? null : words.errors).toEqual({ value: [`${O}.valueInvalid`] })
  })

  it('reads an outreach line', () => {
    const parsed = parseForm(
      OutreachSchema,
      form({
        intent: 'outreach',
        contactedOn: '3.2.2021',
        institutionType: 'shelter',
        institution: ' Herberget Lærkehøj ',
        outcome: '',
      }),
    )
    expect(parsed).toEqual({
      ok: true,
      data: {
        intent: 'outreach',
        contactedOn: '2021-02-03',
        institutionType: 'shelter',
        institution: 'Herberget Lærkehøj',
        outcome: null,
      },
    })
  })

  it('refuses an unknown institution type and a missing institution', () => {
    const parsed = parseForm(
      OutreachSchema,
      form({ intent: 'outreach', contactedOn: '2021-02-03', institutionType: 'bar' }),
    )
    if (parsed.ok) throw new Error('expected errors')
    expect(Object.keys(parsed.errors).sort()).toEqual(['institution', 'institutionType'])
  })
})

describe('parseYearFilter', () => {
  it('accepts a plausible year only', () => {
    expect(parseYearFilter('2021')).toBe(2021)
    expect(parseYearFilter('')).toBeNull()
    expect(parseYearFilter('20211')).toBeNull()
    expect(parseYearFilter('1900')).toBeNull()
    expect(parseYearFilter(null)).toBeNull()
  })
})

describe('criterion rows', () => {
  const row = (description: string, target = '') => ({
    id: '',
    description,
    target,
    measure: 'manual',
  })

  it('offers five blank rows on a new partnership', () => {
    expect(withBlankRows([])).toEqual(Array.from({ length: 5 }, () => row('')))
  })

  it('always leaves two blank rows below the saved ones', () => {
    const saved = ['a', 'b', 'c', 'd', 'e', 'f'].map((d) => row(d, '1'))
    expect(withBlankRows(saved.slice(0, 2))).toHaveLength(5)
    expect(withBlankRows(saved)).toHaveLength(8)
  })

  it('shows a failed form with the rows it had, without growing on every failure', () => {
    const values = {
      [criterionField(0, 'description')]: 'Omkring 20 borgere hver gang',
      [criterionField(0, 'target')]: '20',
      [criterionField(0, 'measure')]: 'manual',
      [criterionField(1, 'description')]: '',
      [criterionField(1, 'target')]: '',
      [criterionField(1, 'measure')]: 'outreach',
      [criterionField(2, 'description')]: '',
      [criterionField(2, 'target')]: '',
    }
    const rows = criterionRowsFrom(values)
    expect(rows).toEqual([
      row('Omkring 20 borgere hver gang', '20'),
      { ...row(''), measure: 'outreach' },
      row(''),
    ])
    expect(withBlankRows(rows)).toHaveLength(5)
    expect(withBlankRows(withBlankRows(rows))).toHaveLength(5)
  })
})
