import { describe, expect, it } from 'vitest'
import { parseForm } from '~/ui/forms'
import {
  GuestSignupSchema,
  KioskActionSchema,
  normalisePhone,
  PersonSignupSchema,
  SessionStaffActionSchema,
} from './signup-schemas'

const SESSION = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields))
    for (const value of Array.isArray(v) ? v : [v]) f.append(k, value)
  return f
}

describe('normalisePhone', () => {
  it('accepts Danish and international numbers written in common ways', () => {
    expect(normalisePhone('12 34 56 78')).toBe('12345678')
    expect(normalisePhone('+45 12-34-56-78')).toBe('+4512345678')
    expect(normalisePhone('(+45) 1234 5678')).toBe('+4512345678')
  })

  it('refuses too short, too long and non-numbers', () => {
    expect(normalisePhone('1234567')).toBeNull()
    expect(normalisePhone('1234567890123456')).toBeNull()
    expect(normalisePhone('ring til mig')).toBeNull()
    expect(normalisePhone('12 34 56 78 ++')).toBeNull()
  })
})

describe('GuestSignupSchema', () => {
  it('needs a first name and a phone number or an e-mail', () => {
    const result = parseForm(GuestSignupSchema, form({ intent: 'signup', sessionId: SESSION }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({
      firstName: ['pages.signup.errors.firstNameRequired'],
      phone: ['pages.signup.errors.contactRequired'],
    })
  })

  it('takes either contact, trims, and reads the consent box', () => {
    const byPhone = parseForm(
      GuestSignupSchema,
      form({ intent: 'signup', sessionId: SESSION, firstName: ' Anna ', phone: '12 34 56 78' }),
    )
    expect(byPhone).toEqual({
      ok: true,
      data: {
        intent: 'signup',
        sessionId: SESSION,
        role: 'participant',
        namedCheckin: false,
        firstName: 'Anna',
        phone: '12345678',
        email: undefined,
      },
    })
    const byEmail = parseForm(
      GuestSignupSchema,
      form({
        intent: 'signup',
        sessionId: SESSION,
        firstName: 'Bo',
        phone: '',
        email: ' bo@example.dk ',
        namedCheckin: 'on',
        role: 'helper',
      }),
    )
    expect(byEmail.ok && byEmail.data).toMatchObject({
      email: 'bo@example.dk',
      phone: undefined,
      namedCheckin: true,
      role: 'helper',
    })
  })

  it('refuses a role that does not exist and a malformed session', () => {
    const result = parseForm(
      GuestSignupSchema,
      form({ intent: 'signup', sessionId: 'x', firstName: 'C', phone: '12345678', role: 'boss' }),
    )
    expect(!result.ok && result.errors).toEqual({
      sessionId: ['pages.signup.errors.sessionRequired'],
      role: ['pages.signup.errors.roleInvalid'],
    })
  })
})

describe('PersonSignupSchema', () => {
  it('needs nothing but the session', () => {
    expect(parseForm(PersonSignupSchema, form({ intent: 'signup', sessionId: SESSION }))).toEqual({
      ok: true,
      data: { intent: 'signup', sessionId: SESSION, role: 'participant', namedCheckin: false },
    })
  })
})

describe('SessionStaffActionSchema', () => {
  it('reads one or several ticked people', () => {
    const one = parseForm(SessionStaffActionSchema, form({ intent: 'checkin', attended: SESSION }))
    expect(one.ok && one.data).toEqual({
      intent: 'checkin',
      attended: [SESSION],
      restNoShow: false,
    })
    const none = parseForm(SessionStaffActionSchema, form({ intent: 'checkin', restNoShow: '1' }))
    expect(none.ok && none.data).toEqual({ intent: 'checkin', attended: [], restNoShow: true })
    const two = parseForm(
      SessionStaffActionSchema,
      form({ intent: 'checkin', attended: [SESSION, SESSION.replace('3f', '4f')] }),
    )
    expect(two.ok && two.data).toMatchObject({ attended: [SESSION, SESSION.replace('3f', '4f')] })
  })

  it('takes a whole, non-negative headcount and nothing else', () => {
    for (const bad of ['', '-1', '2.5', 'fem', '100000']) {
      const r = parseForm(SessionStaffActionSchema, form({ intent: 'headcount', count: bad }))
      expect(!r.ok && r.errors, bad).toEqual({ count: ['pages.attendance.errors.countInvalid'] })
    }
    const ok = parseForm(SessionStaffActionSchema, form({ intent: 'headcount', count: ' 12 ' }))
    expect(ok.ok && ok.data).toEqual({ intent: 'headcount', count: 12 })
  })
})

describe('KioskActionSchema', () => {
  it('takes ratings 1 to 5 only', () => {
    expect(parseForm(KioskActionSchema, form({ intent: 'feedback', rating: '5' })).ok).toBe(true)
    for (const bad of ['0', '6', '3.5', ''])
      expect(parseForm(KioskActionSchema, form({ intent: 'feedback', rating: bad })).ok).toBe(false)
  })
})
