// CVR numbers (Det Centrale Virksomhedsregister): 8 digits, no leading zero, and the weighted
// digit sum with weights 2,7,6,5,4,3,2,1 is divisible by 11 (the modulus-11 check).
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const

export function isValidCvr(cvr: string): boolean {
  if (!/^[1-9][0-9]{7}$/.test(cvr)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(cvr[i]) * WEIGHTS[i]!
  return sum % 11 === 0
}

/**
 * `count` distinct valid CVR numbers, the same on every run, starting at `firstBody` (the
 * first seven digits). A body whose check digit would be 10 has no valid CVR and is skipped.
 */
export function* validCvrs(count: number, firstBody = 5_000_000): Generator<string> {
  let made = 0
  for (let body = firstBody; made < count; body++) {
    if (body > 9_999_999) throw new Error(`Cannot make ${count} CVR numbers from ${firstBody}.`)
    const digits = String(body)
    let sum = 0
    for (let i = 0; i < 7; i++) sum += Number(digits[i]) * WEIGHTS[i]!
    const check = (11 - (sum % 11)) % 11
    if (check === 10) continue
    made++
    yield digits + String(check)
  }
}
