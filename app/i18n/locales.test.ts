import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultLanguage, resources, supportedLanguages } from './config'

// Content rules for the locale files (PRODUCT.md §6, HOUSE_STYLE.md "i18n"). Each file is a
// top-level key (`pages.json` → `pages.*`). Strings under a top-level `staff` key — a future
// `locales/*/staff.json`, or `pages.staff.*` inside a file — are for staff only and exempt from
// the citizen-facing word rules; every other string may be read by a citizen.

type Tree = { [key: string]: unknown }
interface Entry {
  path: string
  value: unknown
}

const LOCALES_DIR = path.join(import.meta.dirname, 'locales')

function loadLocales(): Record<string, Tree> {
  const byLanguage: Record<string, Tree> = {}
  for (const language of readdirSync(LOCALES_DIR)) {
    if (!statSync(path.join(LOCALES_DIR, language)).isDirectory()) continue
    const files: Tree = {}
    for (const file of readdirSync(path.join(LOCALES_DIR, language))) {
      if (!file.endsWith('.json')) continue
      files[file.replace(/\.json$/, '')] = JSON.parse(
        readFileSync(path.join(LOCALES_DIR, language, file), 'utf8'),
      )
    }
    byLanguage[language] = files
  }
  return byLanguage
}

/** Every leaf, by dotted path (the first segment is the file). */
function entries(tree: Tree, prefix: string[] = []): Entry[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? entries(value as Tree, [...prefix, key])
      : [{ path: [...prefix, key].join('.'), value }],
  )
}

function keyDifferences(reference: Tree, other: Tree): { missing: string[]; extra: string[] } {
  const want = new Set(entries(reference).map((e) => e.path))
  const have = new Set(entries(other).map((e) => e.path))
  return {
    missing: [...want].filter((p) => !have.has(p)),
    extra: [...have].filter((p) => !want.has(p)),
  }
}

function notNonEmptyStrings(tree: Tree): string[] {
  return entries(tree)
    .filter((e) => typeof e.value !== 'string' || e.value.trim() === '')
    .map((e) => e.path)
}

const placeholders = (value: unknown) =>
  typeof value === 'string'
    ? [...value.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)].map((m) => m[1]!).sort()
    : []

function placeholderMismatches(reference: Tree, other: Tree): string[] {
  const theirs = new Map(entries(other).map((e) => [e.path, e.value]))
  return entries(reference)
    .filter((e) => theirs.has(e.path))
    .filter((e) => placeholders(e.value).join('|') !== placeholders(theirs.get(e.path)).join('|'))
    .map(
      (e) =>
        `${e.path}: {{${placeholders(e.value).join('}}, {{')}}} ≠ {{${placeholders(theirs.get(e.path)).join('}}, {{')}}}`,
    )
}

// "As word starts": `misbrug` catches "misbruger", `bruger` catches "brugere" and the verb
// ("du bruger"), `udsat` catches "udsatte"; "forbruger" is another word and passes.
const wordStart = (word: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/ /g, '\\s+')}`, 'iu')
const BANNED: Record<string, { label: string; pattern: RegExp }[]> = {
  // Danish joins words: "stofmisbruger", "klientgruppe" must be caught inside compounds too.
  da: [
    ...['udsat', 'misbrug', 'visitation', 'klient'].map((w) => ({
      label: w,
      pattern: new RegExp(w, 'iu'),
    })),
    { label: 'bruger', pattern: wordStart('bruger') },
  ],
  en: ['addict', 'abuser', 'client', 'vulnerable', 'the homeless'].map((w) => ({
    label: w,
    pattern: wordStart(w),
  })),
}
const EVERY_LANGUAGE = [{ label: '§', pattern: /§/ }]

const isStaffOnly = (entryPath: string) => {
  const [file, top] = entryPath.split('.')
  return file === 'staff' || top === 'staff'
}

function bannedWords(tree: Tree, language: string): string[] {
  const rules = [...(BANNED[language] ?? []), ...EVERY_LANGUAGE]
  return entries(tree)
    .filter((e) => typeof e.value === 'string' && !isStaffOnly(e.path))
    .flatMap((e) =>
      rules.filter((r) => r.pattern.test(e.value as string)).map((r) => `${e.path} ("${r.label}")`),
    )
}

function straightDoubleQuotes(tree: Tree): string[] {
  return entries(tree)
    .filter((e) => typeof e.value === 'string' && e.value.includes('"'))
    .map((e) => e.path)
}

const list = (paths: string[]) => (paths.length ? `\n  ${paths.join('\n  ')}` : '')

describe('the rules themselves', () => {
  const da: Tree = {
    pages: {
      home: { title: 'Hej {{name}}', lead: 'For socialt udsatte borgere', empty: ' ' },
      only: 'kun på dansk',
      staff: { note: 'Klientens sag og visitation efter §18' },
    },
    staff: { list: 'Brugere med misbrug' },
  }
  const en: Tree = {
    pages: {
      home: {
        title: 'Hello {{firstName}}',
        lead: 'For "vulnerable" citizens and The  Homeless',
        empty: { nested: 'x' },
      },
      staff: { note: 'The client’s case' },
      extra: 'only in English',
    },
    staff: { list: 'Addicts' },
  }

  it('finds missing and extra keys by path, also where a string became an object', () => {
    expect(keyDifferences(da, en)).toEqual({
      missing: ['pages.home.empty', 'pages.only'],
      extra: ['pages.home.empty.nested', 'pages.extra'],
    })
  })

  it('finds empty and non-string values', () => {
    expect(notNonEmptyStrings({ a: '', b: { c: '  ', d: 'ok', e: 3, f: ['x'] } })).toEqual([
      'a',
      'b.c',
      'b.e',
      'b.f',
    ])
  })

  it('finds different placeholders', () => {
    expect(placeholderMismatches(da, en)).toEqual(['pages.home.title: {{name}} ≠ {{firstName}}'])
    expect(placeholderMismatches({ a: '{{ n }} af {{max}}' }, { a: '{{max}}: {{n}}' })).toEqual([])
  })

  it('finds banned words at word starts, any case, outside staff-only text', () => {
    expect(bannedWords(da, 'da')).toEqual(['pages.home.lead ("udsat")'])
    expect(bannedWords(en, 'en')).toEqual([
      'pages.home.lead ("vulnerable")',
      'pages.home.lead ("the homeless")',
    ])
    expect(
      bannedWords(
        {
          a: 'Du bruger appen',
          b: 'Misbrugeren',
          c: '§ 18',
          d: 'forbrugerråd',
          e: 'stofmisbrugere',
        },
        'da',
      ),
    ).toEqual(['a ("bruger")', 'b ("misbrug")', 'c ("§")', 'e ("misbrug")'])
    expect(bannedWords({ a: 'Clients', b: 'addiction', c: 'a §18 grant' }, 'en')).toEqual([
      'a ("client")',
      'b ("addict")',
      'c ("§")',
    ])
  })

  it('finds straight double quotes, staff text included', () => {
    expect(straightDoubleQuotes(en)).toEqual(['pages.home.lead'])
    expect(straightDoubleQuotes({ staff: { a: 'Klik "Gem"' }, b: 'Klik „Gem“' })).toEqual([
      'staff.a',
    ])
  })
})

describe('the locale files', () => {
  const locales = loadLocales()
  const reference = locales[defaultLanguage]!
  const languages = Object.keys(locales)

  it('exist for exactly the supported languages, and every file is loaded by the app', () => {
    expect(languages.sort()).toEqual([...supportedLanguages].sort())
    for (const language of supportedLanguages) {
      expect(Object.keys(resources[language].translation).sort(), `files of ${language}`).toEqual(
        Object.keys(locales[language] ?? {}).sort(),
      )
    }
  })

  it.each(languages.filter((l) => l !== defaultLanguage))(
    '%s has exactly the keys Danish has',
    (language) => {
      const { missing, extra } = keyDifferences(reference, locales[language]!)
      expect(missing, `keys missing in ${language}:${list(missing)}`).toEqual([])
      expect(extra, `keys in ${language} that Danish does not have:${list(extra)}`).toEqual([])
    },
  )

  it.each(languages)('%s has no empty or non-text values', (language) => {
    const bad = notNonEmptyStrings(locales[language]!)
    expect(bad, `empty or non-string values in ${language}:${list(bad)}`).toEqual([])
  })

  it.each(languages.filter((l) => l !== defaultLanguage))(
    '%s uses the same {{placeholders}} as Danish',
    (language) => {
      const bad = placeholderMismatches(reference, locales[language]!)
      expect(bad, `placeholders differ between da and ${language}:${list(bad)}`).toEqual([])
    },
  )

  it.each(languages)('%s uses no stigmatising words in citizen-facing text', (language) => {
    const bad = bannedWords(locales[language]!, language)
    expect(
      bad,
      `banned words in ${language} (rephrase; staff-only text goes under a "staff" key):${list(bad)}`,
    ).toEqual([])
  })

  it.each(languages)('%s uses typographic quotes, never straight double quotes', (language) => {
    const bad = straightDoubleQuotes(locales[language]!)
    expect(
      bad,
      `straight " in ${language} (use „…“ in Danish, “…” in English):${list(bad)}`,
    ).toEqual([])
  })
})
