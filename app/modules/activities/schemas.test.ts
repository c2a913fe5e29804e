import { describe, expect, it } from 'vitest'
import { parseForm } from '~/ui/forms'
import {
  ActivityFormSchema,
  activityToForm,
  CancelActivityFormSchema,
  ExceptionFormSchema,
  formatPriceKroner,
  keptActivityInput,
  parseDate,
  parsePriceOere,
  parseTime,
} from './schemas'

const E = 'pages.orgActivities.errors'

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData()
  for (const [key, value] of Object.entries(fields))
    for (const v of ([] as string[]).concat(value)) f.append(key, v)
  return f
}

const valid = {
  title: 'Fællesspisning tirsdag',
  description: 'Vi laver mad sammen.',
  category: 'meal',
  scheduleKind: 'weekly',
  weekday: 'TU',
  nth: '',
  firstDate: '2026-10-06',
  endDate: '',
  startTime: '17:00',
  endTime: '19:30',
  locationName: 'Café Broen',
  streetAddress: 'Godthåbsvej 41',
  postalCode: '2000',
  city: 'Frederiksberg',
  areaId: '',
  price: '20',
  capacity: '30',
  accessibilityNote: '',
  adaptationNote: '',
  openNoReferral: 'yes',
  noMembership: 'yes',
  roles: ['participant', 'helper'],
  phone: '',
  email: '',
  saveAs: 'publish',
}

const parse = (overrides: Record<string, string | string[] | undefined> = {}) => {
  const fields: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries({ ...valid, ...overrides }))
    if (v !== undefined) fields[k] = v
  return parseForm(ActivityFormSchema, form(fields))
}

const errorsOf = (result: ReturnType<typeof parse>) => (result.ok ? {} : result.errors)

describe('price in kroner', () => {
  it('reads whole kroner, a comma or a dot, and nothing as free', () => {
    expect(parsePriceOere('20')).toBe(2000)
    expect(parsePriceOere('20,50')).toBe(2050)
    expect(parsePriceOere('20.5')).toBe(2050)
    expect(parsePriceOere(' 0,05 ')).toBe(5)
    expect(parsePriceOere('20 kr.')).toBe(2000)
    expect(parsePriceOere('')).toBe(0)
    expect(parsePriceOere('0')).toBe(0)
  })

  it('refuses what is not an amount', () => {
    for (const bad of ['-5', '20,505', '1.000,00', 'tyve', '20,', ',50', '1e3', '10000000'])
      expect(parsePriceOere(bad), bad).toBeNull()
  })

  it('shows øre back as kroner', () => {
    expect(formatPriceKroner(2000)).toBe('20')
    expect(formatPriceKroner(2050)).toBe('20,50')
    expect(formatPriceKroner(5)).toBe('0,05')
  })
})

describe('dates and times', () => {
  it('reads a date field and dates typed the Danish way', () => {
    expect(parseDate('2026-11-24')).toBe('2026-11-24')
    expect(parseDate('24-11-2026')).toBe('2026-11-24')
    expect(parseDate('4.3.2027')).toBe('2027-03-04')
    expect(parseDate('2026-02-30')).toBeNull()
    expect(parseDate('24/13/2026')).toBeNull()
    expect(parseDate('i morgen')).toBeNull()
  })

  it('reads 17:00, 17.00 and 9:30', () => {
    expect(parseTime('17:00')).toBe('17:00')
    expect(parseTime('17.00')).toBe('17:00')
    expect(parseTime('9:30')).toBe('09:30')
    expect(parseTime('24:00')).toBeNull()
    expect(parseTime('17:60')).toBeNull()
    expect(parseTime('17')).toBeNull()
  })
})

describe('the activity form', () => {
  it('turns a weekly activity into the activity’s own terms', () => {
    const result = parse()
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data).toMatchObject({
      title: 'Fællesspisning tirsdag',
      category: 'meal',
      schedule: {
        freq: 'weekly',
        interval: 1,
        byday: 'TU',
        bysetpos: null,
        dtstart: '2026-10-06',
        until: null,
        startTime: '17:00',
        endTime: '19:30',
      },
      priceOere: 2000,
      capacity: 30,
      areaId: null,
      locationName: 'Café Broen',
      accessibilityNote: null,
      openNoReferral: true,
      noMembership: true,
      rolesOffered: ['participant', 'helper'],
      goalIds: [],
      targetGroupIds: [],
      phone: null,
      email: null,
      publish: true,
    })
  })

  it('maps every other week, monthly on the last weekday, and a one-off', () => {
    const biweekly = parse({ scheduleKind: 'biweekly', weekday: 'FR' })
    expect(biweekly.ok && biweekly.data.schedule).toMatchObject({
      freq: 'weekly',
      interval: 2,
      byday: 'FR',
    })
    const monthly = parse({ scheduleKind: 'monthly', weekday: 'SA', nth: 'last' })
    expect(monthly.ok && monthly.data.schedule).toMatchObject({
      freq: 'monthly',
      byday: 'SA',
      bysetpos: -1,
    })
    const once = parse({ scheduleKind: 'once', weekday: '', endDate: '2027-01-01' })
    expect(once.ok && once.data.schedule).toMatchObject({
      freq: 'once',
      byday: null,
      bysetpos: null,
      until: null,
    })
  })

  it('needs a weekday for repeating activities and n-th for monthly ones', () => {
    expect(errorsOf(parse({ weekday: '' })).weekday).toEqual([`${E}.weekdayRequired`])
    expect(errorsOf(parse({ scheduleKind: 'monthly', nth: '' })).nth).toEqual([`${E}.nthRequired`])
    expect(parse({ scheduleKind: 'monthly', nth: '2' }).ok).toBe(true)
  })

  it('wants the end after the start, in time and in dates', () => {
    expect(errorsOf(parse({ endTime: '17:00' })).endTime).toEqual([`${E}.endTimeBeforeStart`])
    expect(errorsOf(parse({ endTime: '16:30' })).endTime).toEqual([`${E}.endTimeBeforeStart`])
    expect(errorsOf(parse({ endDate: '2026-10-05' })).endDate).toEqual([`${E}.endDateBeforeFirst`])
    expect(errorsOf(parse({ startTime: '17.00', endTime: '19.30' })).endTime).toBeUndefined()
    // Also when another field is wrong: all mistakes are shown on the first submit.
    expect(errorsOf(parse({ endTime: '16.00', price: 'gratis', weekday: '' }))).toEqual({
      endTime: [`${E}.endTimeBeforeStart`],
      price: [`${E}.priceInvalid`],
      weekday: [`${E}.weekdayRequired`],
    })
  })

  it('reports every field’s problem at once, as i18n keys, and keeps what was typed', () => {
    const result = parse({
      title: '  ',
      category: 'dancing',
      firstDate: '31-02-2026',
      price: 'gratis',
      capacity: '0',
      postalCode: '200',
      roles: undefined,
      email: 'ikke-en-adresse',
      startTime: '25:00',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toMatchObject({
      title: [`${E}.titleRequired`],
      category: [`${E}.categoryRequired`],
      firstDate: [`${E}.dateInvalid`],
      price: [`${E}.priceInvalid`],
      capacity: [`${E}.capacityInvalid`],
      postalCode: [`${E}.postalCodeInvalid`],
      roles: [`${E}.rolesRequired`],
      email: [`${E}.emailInvalid`],
      startTime: [`${E}.timeInvalid`],
    })
    for (const messages of Object.values(result.errors))
      for (const m of messages) expect(m).toMatch(/^pages\.orgActivities\.errors\./)
    expect(result.values.price).toBe('gratis')
  })

  it('treats unticked boxes as no, and a missing button as a draft', () => {
    const result = parse({ openNoReferral: undefined, noMembership: undefined, saveAs: undefined })
    expect(result.ok && result.data).toMatchObject({
      openNoReferral: false,
      noMembership: false,
      publish: false,
    })
  })

  it('refuses ids that are not ids, and a title over 120 characters', () => {
    expect(errorsOf(parse({ goals: ['1; drop table goal'] })).goals).toEqual([`${E}.invalidChoice`])
    expect(errorsOf(parse({ title: 'x'.repeat(121) })).title).toEqual([`${E}.tooLong`])
  })

  it('keeps ticked boxes of several values for the form shown again', () => {
    const kept = keptActivityInput(
      form({ ...valid, roles: ['participant', 'spectator'], goals: ['g1', 'g2'] }),
    )
    expect(kept.lists).toEqual({
      roles: ['participant', 'spectator'],
      goals: ['g1', 'g2'],
      targetGroups: [],
    })
    expect(kept.values.title).toBe(valid.title)
    expect(kept.values).not.toHaveProperty('roles')
  })

  it('shows a saved activity in the form so that saving it again changes nothing', () => {
    const result = parse({ scheduleKind: 'monthly', weekday: 'SA', nth: '1', price: '20,50' })
    if (!result.ok) throw new Error('expected a valid form')
    const a = result.data
    const shown = activityToForm({
      ...a,
      ...a.schedule,
      startTime: `${a.schedule.startTime}:00`,
      endTime: `${a.schedule.endTime}:00`,
      streetAddress: a.streetAddress,
    })
    const again = parseForm(
      ActivityFormSchema,
      form({ ...shown.values, ...shown.lists, saveAs: 'publish' }),
    )
    expect(again.ok && again.data).toEqual(a)
  })
})

describe('the small forms', () => {
  it('cancelling one date needs a real date and a message', () => {
    const ok = parseForm(
      ExceptionFormSchema,
      form({ intent: 'exception', date: '24-11-2026', reason: 'Hallen er lukket' }),
    )
    expect(ok).toEqual({
      ok: true,
      data: { intent: 'exception', date: '2026-11-24', reason: 'Hallen er lukket' },
    })
    const bad = parseForm(ExceptionFormSchema, form({ intent: 'exception', date: '', reason: '' }))
    expect(bad.ok ? {} : bad.errors).toEqual({
      date: [`${E}.dateInvalid`],
      reason: [`${E}.reasonRequired`],
    })
  })

  it('cancelling the whole activity must be confirmed', () => {
    const bad = parseForm(
      CancelActivityFormSchema,
      form({ intent: 'cancelActivity', cancelReason: 'Sommerpause' }),
    )
    expect(bad.ok ? {} : bad.errors).toEqual({ confirmCancel: [`${E}.confirmCancel`] })
    expect(
      parseForm(
        CancelActivityFormSchema,
        form({ intent: 'cancelActivity', cancelReason: 'Sommerpause', confirmCancel: 'yes' }),
      ).ok,
    ).toBe(true)
  })
})
