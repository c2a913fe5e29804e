/** What a person sent, to show a failed form again as it was: single values and ticked boxes. */
export interface Kept {
  values: Record<string, string>
  lists: Record<string, string[]>
}

const SECRET = /password|token|code|pin/i

export function keptForm(form: FormData, listNames: readonly string[]): Kept {
  const values: Record<string, string> = {}
  const lists: Record<string, string[]> = {}
  for (const name of listNames)
    lists[name] = form.getAll(name).filter((v): v is string => typeof v === 'string')
  for (const [key, value] of form.entries())
    if (typeof value === 'string' && !listNames.includes(key) && !SECRET.test(key))
      values[key] = value
  return { values, lists }
}
