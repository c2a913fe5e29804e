import type { Generator } from './types.ts'
import { areas } from './areas.ts'
import { organisations } from './organisations.ts'

// In dependency order: a generator may read the rows of the ones before it. To add a table
// (activities, sessions, ...), write `./<table>.ts` exporting a Generator with the next free
// id kind (areas 1, organisations 2) and add it here.
export const generators: Generator[] = [areas, organisations]
