import type { Ctx } from '../identity/guards.server'
import { parseForm } from '~/ui/forms'
import { addOutreach, recordProgress, type PartnershipScope } from './partnerships.server'
import { formValues, OutreachSchema, ProgressSchema } from './schemas'

// The two small forms both partnership pages carry (manual progress, an outreach line), read and
// handed to the module the same way for the administrator and for the organisation.

export type EntryIntent = 'progress' | 'outreach'

export type EntrySubmission =
  | { ok: true; done: EntryIntent }
  | {
      ok: false
      intent: EntryIntent | null
      errors: Record<string, string[]>
      values: Record<string, string>
    }

export async function submitEntry(
  ctx: Ctx,
  form: FormData,
  partnershipId: string,
  scope: PartnershipScope,
): Promise<EntrySubmission> {
  const intent = form.get('intent')
  if (intent === 'progress') {
    const parsed = parseForm(ProgressSchema, form)
    if (!parsed.ok) return { ok: false, intent, errors: parsed.errors, values: parsed.values }
    const { criterionId, value, note, entryId } = parsed.data
    const result = await recordProgress(ctx, criterionId, value, note, {
      scope,
      entryId,
      partnershipId,
    })
    return result.ok
      ? { ok: true, done: intent }
      : { ok: false, intent, errors: result.errors, values: formValues(form) }
  }
  if (intent === 'outreach') {
    const parsed = parseForm(OutreachSchema, form)
    if (!parsed.ok) return { ok: false, intent, errors: parsed.errors, values: parsed.values }
    const { entryId, ...input } = parsed.data
    const result = await addOutreach(ctx, partnershipId, input, { scope, entryId })
    return result.ok
      ? { ok: true, done: intent }
      : { ok: false, intent, errors: result.errors, values: formValues(form) }
  }
  return {
    ok: false,
    intent: null,
    errors: { '': ['pages.admin.errors.invalidRequest'] },
    values: {},
  }
}
