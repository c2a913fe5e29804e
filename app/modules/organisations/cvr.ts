// CVR (Det Centrale Virksomhedsregister) numbers: 8 digits whose weighted sum is divisible by 11.
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const

/** What a person typed, without surrounding spaces or the spaces people write inside (12 34 56 78). */
export function normaliseCvr(value: string): string {
  return value.replace(/\s+/g, '')
}

export function isValidCvr(value: string): boolean {
  const cvr = normaliseCvr(value)
  if (!/^[0-9]{8}$/.test(cvr)) return false
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(cvr[i]), 0)
  return sum % 11 === 0
}
