import type { Generator } from './types.ts'
import { benchId, benchIdPrefix, countRows, insertInBatches, listMunicipalities } from './util.ts'

const KIND = 1

/** Areas (bydele / lokalområder), spread round-robin over the municipalities. */
export const areas: Generator = {
  name: 'areas',
  defaultSize: 40,
  async generate(trx, size) {
    const municipalities = await listMunicipalities(trx)
    const inserted = await insertInBatches(trx, 'area', size, (i) => {
      const n = String(i + 1).padStart(5, '0')
      return {
        id: benchId(KIND, i),
        municipality_id: municipalities[i % municipalities.length]!.id,
        slug: `bench-area-${n}`,
        name: `Lokalområde ${n}`,
      }
    })
    return {
      inserted,
      generated: await countRows(trx, 'area', benchIdPrefix(KIND)),
      tableRows: await countRows(trx, 'area'),
    }
  },
}
