import { randomInt } from 'node:crypto'

// Access codes are read aloud or printed: no characters that look or sound alike
// (0/O, 1/I/L, 2/Z, 5/S, 8/B are left out).
export const ACCESS_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679'
export const ACCESS_CODE_LENGTH = 10

export function generateAccessCode(): string {
  let code = ''
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++)
    code += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)]
  return code
}

/** "ACDEF-GHJKM" for printing. */
export function formatAccessCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/** Accepts what a person types: any case, spaces and dashes. */
export function normaliseAccessCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

export function generateRecoveryCode(): string {
  let code = ''
  for (let i = 0; i < 10; i++) code += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)]
  return `${code.slice(0, 5)}-${code.slice(5)}`.toLowerCase()
}

export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '')
}

/** PINs are 4–8 digits and not trivially guessable (all one digit, or a straight run). */
export function isAcceptablePin(pin: string): boolean {
  if (!/^\d{4,8}$/.test(pin)) return false
  if (/^(\d)\1+$/.test(pin)) return false
  const digits = [...pin].map(Number)
  const ascending = digits.every((d, i) => i === 0 || d === (digits[i - 1]! + 1) % 10)
  const descending = digits.every((d, i) => i === 0 || d === (digits[i - 1]! + 9) % 10)
  return !ascending && !descending
}
