import type { Generator } from './types.ts'
import { activities } from './activities.ts'
import { areas } from './areas.ts'
import { citizens, volunteers } from './buddies.ts'
import { organisations } from './organisations.ts'
import {
  attendance,
  courses,
  frikortEarnings,
  referrals,
  reportAdministrator,
} from './reporting.ts'
import { sessions } from './sessions.ts'

// In dependency order: a generator may read the rows of the ones before it. To add a table,
// write `./<table>.ts` exporting a Generator with the next free id kind (areas 1,
// organisations 2, activities 3, sessions 4; buddies.ts uses 5–11, reporting.ts 12–19) and add it here.
export const generators: Generator[] = [
  areas,
  organisations,
  activities,
  sessions,
  volunteers,
  citizens,
  attendance,
  referrals,
  courses,
  frikortEarnings,
  reportAdministrator,
]
