import { requireCitizen, type Ctx } from '../identity/guards.server'
import { balanceOn, listEarnings, localToday, type EarningRow } from './balance.server'
import { listMyMatches, type MyMatch } from './matches.server'
import type { Balance } from './rules'

// The citizen's own frikort page: their decision, this year's balance across every employer,
// what each employer recorded, and the jobs they have been matched with.

export interface MyFrikort {
  decision: { decidedOn: string; active: boolean } | null
  balance: Balance
  earnings: EarningRow[]
  matches: MyMatch[]
}

export async function getMyFrikort(ctx: Ctx): Promise<MyFrikort> {
  const citizen = requireCitizen(ctx)
  const [decision, balance, earnings, matches] = await Promise.all([
    ctx.db
      .selectFrom('frikort_decision')
      .select(['decided_on', 'status'])
      .where('citizen_id', '=', citizen.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
    balanceOn(ctx.db, citizen.id, localToday(ctx.now)),
    listEarnings(ctx.db, citizen.id),
    listMyMatches(ctx),
  ])
  return {
    decision: decision
      ? { decidedOn: decision.decided_on, active: decision.status === 'active' }
      : null,
    balance,
    earnings,
    matches,
  }
}
