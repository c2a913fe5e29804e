import type { Language } from '~/i18n/config'
import { LOCALES } from '~/ui/format'

// Grant amounts are entered in kroner the way people write them ("525.500", "525 500,00",
// "525.500,-") and kept in øre as integers: never a float on the way in.

/** 1 mia. kr.: far above any grant, well inside a JavaScript integer. */
export const MAX_OERE = 100_000_000_000

export type ParsedAmount =
  { ok: true; oere: number } | { ok: false; reason: 'invalid' | 'tooLarge' }

const FORMATS: RegExp[] = [
  // Danish: dots group thousands, a comma starts the øre.
  /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/,
  /^(\d+)(?:,(\d{1,2}))?$/,
  // English: commas group thousands, a point starts the pence-like part.
  /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/,
  /^(\d+)\.(\d{1,2})$/,
]

export function parseKroner(input: string): ParsedAmount {
  const compact = input
    .replace(/\s/g, '')
    .replace(/^(kr\.?|dkk)/i, '')
    .replace(/(kr\.?|dkk)$/i, '')
    .replace(/[,.]-$/, '')
  for (const format of FORMATS) {
    const match = format.exec(compact)
    if (!match) continue
    const kroner = match[1]!.replace(/[.,]/g, '').replace(/^0+(?=\d)/, '')
    if (kroner.length > 10) return { ok: false, reason: 'tooLarge' }
    const oere = Number(kroner) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
    return oere > MAX_OERE ? { ok: false, reason: 'tooLarge' } : { ok: true, oere }
  }
  return { ok: false, reason: 'invalid' }
}

/** "525.500" (da) or "525,500" (en); øre only when there are any: "525.500,50". */
export function formatKroner(oere: number, lng: Language): string {
  const hasOere = oere % 100 !== 0
  return new Intl.NumberFormat(LOCALES[lng], {
    minimumFractionDigits: hasOere ? 2 : 0,
    maximumFractionDigits: 2,
    useGrouping: 'always',
  }).format(oere / 100)
}
