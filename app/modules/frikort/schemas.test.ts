import { describe, expect, it } from 'vitest'
import { CaseActionSchema, CapSchema, EarningSchema, JobSchema, MoveSchema } from './schemas'

const job = {
  title: 'Pakning af brød',
  tasks: 'Pakke brød',
  hours: 'Lørdage 6–9',
  place: 'Falkoner Allé 12',
  pay: '140',
  contact: 'Peter',
}

describe('the job form', () => {
  it('accepts a frikort job and reads the pay in øre', () => {
    const parsed = JobSchema.parse({ ...job, pay: '132,50', suitableForFrikort: 'yes' })
    expect(parsed).toMatchObject({ pay: 13250, suitableForFrikort: true, wageSubsidised: false })
  })

  it('refuses a job that is both wage-subsidised and suitable for frikort, next to the field', () => {
    const result = JobSchema.safeParse({ ...job, suitableForFrikort: 'yes', wageSubsidised: 'yes' })
    expect(result.success).toBe(false)
    expect(result.error!.issues).toEqual([
      expect.objectContaining({
        path: ['wageSubsidised'],
        message: 'pages.jobs.errors.wageSubsidised',
      }),
    ])
  })

  it('accepts a wage-subsidised job that is not offered with frikort', () => {
    expect(JobSchema.safeParse({ ...job, wageSubsidised: 'yes' }).success).toBe(true)
  })
})

describe('the earning form', () => {
  const base = {
    intent: 'earning',
    submissionId: '00000000-0000-4000-8000-000000000001',
    periodStart: '2026-03-01',
    periodEnd: '2026-03-14',
    paidOn: '2026-03-15',
    amount: '1.250,50',
  }
  it('reads a Danish amount in øre', () => {
    expect(EarningSchema.parse(base).amount).toBe(125050)
  })
  it('refuses a period that ends before it starts', () => {
    const result = EarningSchema.safeParse({ ...base, periodEnd: '2026-02-01' })
    expect(result.error!.issues[0]).toMatchObject({
      path: ['periodEnd'],
      message: 'pages.frikort.errors.periodOrder',
    })
  })
  it('refuses zero and negative amounts (a correction is a reversing entry)', () => {
    expect(EarningSchema.safeParse({ ...base, amount: '0' }).success).toBe(false)
    expect(EarningSchema.safeParse({ ...base, amount: '-100' }).success).toBe(false)
  })
})

describe('the decision form', () => {
  it('refuses a control later than the end of the second calendar year', () => {
    const result = CaseActionSchema.safeParse({
      intent: 'decide',
      decidedOn: '2026-05-01',
      nextControlDue: '2029-01-01',
    })
    expect(result.error!.issues[0]).toMatchObject({
      path: ['nextControlDue'],
      message: 'pages.staff.frikort.errors.controlTooLate',
    })
    expect(
      CaseActionSchema.safeParse({
        intent: 'decide',
        decidedOn: '2026-05-01',
        nextControlDue: '2028-12-31',
      }).success,
    ).toBe(true)
  })
  it('needs a reason to deactivate', () => {
    const result = CaseActionSchema.safeParse({
      intent: 'deactivate',
      decisionId: '00000000-0000-4000-8000-000000000001',
      reason: ' ',
    })
    expect(result.error!.issues[0]!.message).toBe('pages.staff.frikort.errors.reasonRequired')
  })
})

describe('the cap and board forms', () => {
  it('refuses a cap period that ends before it starts', () => {
    expect(
      CapSchema.safeParse({ validFrom: '2027-01-01', validTo: '2026-12-31', amount: '44.000' })
        .success,
    ).toBe(false)
    expect(CapSchema.parse({ validFrom: '2027-01-01', amount: '44.000' })).toMatchObject({
      validTo: null,
      amount: 4_400_000,
    })
  })
  it('needs a reason to end a match', () => {
    const id = '00000000-0000-4000-8000-000000000001'
    expect(MoveSchema.safeParse({ intent: 'move', matchId: id, to: 'ended' }).success).toBe(false)
    expect(
      MoveSchema.safeParse({ intent: 'move', matchId: id, to: 'ended', reason: 'no_show' }).success,
    ).toBe(true)
  })
})
