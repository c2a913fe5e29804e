import type { Generator } from './types.ts'
import { activities } from './activities.ts'
import { areas } from './areas.ts'
import { organisations } from './organisations.ts'
import { sessions } from './sessions.ts'

// In dependency order: a generator may read the rows of the ones before it. To add a table,
// write `./<table>.ts` exporting a Generator with the next free id kind (areas 1,
// organisations 2, activities 3, sessions 4) and add it here.
export const generators: Generator[] = [areas, organisations, activities, sessions]
