import type { OrganisationStatus, OrganisationType } from '../../db/schema.ts'
import type { Generator } from './types.ts'
import { isValidCvr, validCvrs } from './cvr.ts'
import {
  benchId,
  benchIdPrefix,
  countRows,
  insertInBatches,
  listMunicipalities,
  seededRandom,
} from './util.ts'

const KIND = 2

const types: OrganisationType[] = [
  'association',
  'association',
  'drop_in',
  'ngo',
  'social_enterprise',
  'employer',
]
const names: Record<OrganisationType, string> = {
  association: 'Foreningen',
  drop_in: 'Værestedet',
  ngo: 'Netværket',
  social_enterprise: 'Socialøkonomisk Virksomhed',
  employer: 'Virksomheden',
}
// Post towns by municipality code; an unknown municipality gets Copenhagen's.
const copenhagen = {
  city: 'København',
  postalCodes: ['1050', '1620', '2100', '2200', '2300', '2400', '2450', '2500', '2700'],
}
const postTowns: Record<string, { city: string; postalCodes: string[] }> = {
  '101': copenhagen,
  '147': { city: 'Frederiksberg', postalCodes: ['2000'] },
  '175': { city: 'Rødovre', postalCodes: ['2610'] },
}

/**
 * Organisations spread round-robin over the municipalities, mostly approved (as in a network
 * that has run for a while), with valid unique CVR numbers from 5000000x upwards — the demo
 * seed's CVRs start with 2–4, so the two never collide.
 */
export const organisations: Generator = {
  name: 'organisations',
  defaultSize: 1_000,
  async generate(trx, size) {
    const municipalities = await listMunicipalities(trx)
    const cvrs = [...validCvrs(size)]
    const random = seededRandom(KIND)
    const inserted = await insertInBatches(trx, 'organisation', size, (i) => {
      const cvr = cvrs[i]!
      if (!isValidCvr(cvr)) throw new Error(`Generated an invalid CVR number: ${cvr}`)
      const municipality = municipalities[i % municipalities.length]!
      const type = types[Math.floor(random() * types.length)]!
      const roll = random()
      const status: OrganisationStatus =
        roll < 0.9 ? 'approved' : roll < 0.97 ? 'pending' : 'suspended'
      const town = postTowns[municipality.code ?? ''] ?? copenhagen
      const n = String(i + 1).padStart(6, '0')
      return {
        id: benchId(KIND, i),
        name: `${names[type]} ${n}`,
        type,
        cvr,
        description: `Genereret testorganisation nr. ${i + 1} til belastningstest.`,
        email: `kontakt-${n}@bench.example.dk`,
        phone: `+45 ${String(20_000_000 + i).replace(/(\d\d)(\d\d)(\d\d)(\d\d)/, '$1 $2 $3 $4')}`,
        street_address: `Testvej ${(i % 250) + 1}`,
        postal_code: town.postalCodes[i % town.postalCodes.length]!,
        city: town.city,
        home_municipality_id: municipality.id,
        status,
      }
    })
    return {
      inserted,
      generated: await countRows(trx, 'organisation', benchIdPrefix(KIND)),
      tableRows: await countRows(trx, 'organisation'),
    }
  },
}
