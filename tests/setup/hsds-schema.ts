import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { ErrorObject, ValidateFunction } from 'ajv'

// The official Open Referral HSDS 3.1 schemas (../shared/hsds-3.1, beside the repository) in
// AJV's Draft 2020-12 validator, as upstream runs them: every per-object schema registered
// under its file name (their $refs are relative file names), and — like upstream's
// `--set-additional-properties-false-everywhere` — no property the schema does not define.

export const HSDS_DIR = path.resolve(import.meta.dirname, '../../../shared/hsds-3.1')

// CommonJS packages seen through ESM interop: the class may sit on `.default`.
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module
const addFormats = ((addFormatsModule as any).default ??
  addFormatsModule) as typeof addFormatsModule

type Schema = Record<string, any>

export const readJson = (...parts: string[]): any =>
  JSON.parse(readFileSync(path.join(HSDS_DIR, ...parts), 'utf8'))

/** A copy where every object schema with `properties` allows no others. */
export function closed<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(closed) as T
  if (schema === null || typeof schema !== 'object') return schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) out[key] = closed(value)
  if (
    out.properties &&
    typeof out.properties === 'object' &&
    out.additionalProperties === undefined
  )
    out.additionalProperties = false
  return out as T
}

export interface HsdsValidator {
  /** Validates against a per-object schema by file name (`service.json`) or a compiled one. */
  validate(schema: string, value: unknown): ErrorObject[]
}

export function createHsdsValidator(options: { closed: boolean }): HsdsValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  const prepare = (s: Schema) => (options.closed ? closed(s) : s)
  const files = readdirSync(path.join(HSDS_DIR, 'schema')).filter(
    (f) => f.endsWith('.json') && f !== 'openapi.json',
  )
  for (const file of files) ajv.addSchema(prepare(readJson('schema', file)), file)
  const compiled = new Map<string, ValidateFunction>()
  const openapi = readJson('schema', 'openapi.json')
  const page = openapi.components.schemas.Page
  const schemas: Record<string, () => Schema> = {
    'compiled/service.json': () => prepare(readJson('schema', 'compiled', 'service.json')),
    'compiled/organization.json': () =>
      prepare(readJson('schema', 'compiled', 'organization.json')),
    // GET / of the openapi document
    'openapi:root': () =>
      openapi.paths['/'].get.responses['200'].content['application/json'].schema,
  }
  // A page of the openapi's list endpoints: Page plus `contents` of the given objects.
  const pageOf = (item: string): Schema => ({
    allOf: [page],
    type: 'object',
    required: [
      'total_items',
      'total_pages',
      'page_number',
      'size',
      'first_page',
      'last_page',
      'empty',
      'contents',
    ],
    properties: { contents: { type: 'array', items: { $ref: item } } },
  })
  for (const item of [
    'service.json',
    'organization.json',
    'service_at_location.json',
    'taxonomy.json',
    'taxonomy_term.json',
  ]) {
    schemas[`page:${item}`] = () => pageOf(item)
  }
  return {
    validate(name, value) {
      let fn = compiled.get(name)
      if (!fn) {
        const make = schemas[name]
        fn = make ? ajv.compile(make()) : ajv.getSchema(name)
        if (!fn) throw new Error(`No schema ${name}`)
        compiled.set(name, fn)
      }
      return fn(value) ? [] : [...(fn.errors ?? [])]
    },
  }
}

/** Errors in a form a failing assertion can show. */
export const describeErrors = (errors: ErrorObject[]) =>
  errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
