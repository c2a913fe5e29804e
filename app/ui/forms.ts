import type { z } from 'zod'

export type FieldErrors = Record<string, string[]>

export type Parsed<T> =
  { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> }

/** Fields never echoed back to the browser after a failed submit (`confirm` repeats a password). */
const SECRET_FIELDS = /^(.*password.*|confirm|pin|pinConfirm|code|token)$/i

/**
 * Parses a submitted form with a zod schema whose messages are i18n keys. On failure: the keys
 * per field, and what the person typed (except secrets) so the form can be shown again filled in.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): Parsed<z.infer<S>> {
  const raw: Record<string, unknown> = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue
    if (key in raw) raw[key] = ([] as unknown[]).concat(raw[key], value)
    else raw[key] = value
  }
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '')
    ;(errors[field] ??= []).push(issue.message)
  }
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!SECRET_FIELDS.test(key) && typeof value === 'string') values[key] = value
  }
  return { ok: false, errors, values }
}

/** Only same-site paths: "/x" but never "//evil.example" or "https://…". */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = '/account',
): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\'))
    return fallback
  return to
}
