/**
 * A draft 2020-12 schema → its draft-07 rendering, for tools that only understand
 * draft-07. AsyncAPI is one: `@asyncapi/parser` validates draft-07 payloads but silently
 * skips a `application/schema+json;version=2020-12` one (SPEC §6), and its code
 * generators assume draft-07. The published schemas stay 2020-12; only the AsyncAPI
 * document embeds this rendering.
 *
 * Keywords are rewritten where draft-07 has an equivalent (`$defs`, `prefixItems`,
 * `dependentRequired`, `dependentSchemas`); a keyword without one is an error, never
 * silently dropped.
 */
import type { JsonSchema } from './json-schema.ts'

/** The rendering, or why there is none. */
export type Draft07Result = { ok: true; schema: JsonSchema } | { ok: false; error: string }

/** 2020-12 keywords with no draft-07 equivalent. */
const UNSUPPORTED = [
  'unevaluatedProperties',
  'unevaluatedItems',
  'minContains',
  'maxContains',
  '$dynamicRef',
  '$dynamicAnchor',
  '$recursiveRef',
  '$recursiveAnchor',
  '$anchor',
  '$vocabulary',
]

/** Keywords whose value is one subschema. */
const SINGLE = ['items', 'additionalProperties', 'propertyNames', 'contains', 'not', 'if', 'then', 'else']
/** Keywords whose value maps names to subschemas. */
const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']
/** Keywords whose value lists subschemas. */
const LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems']

class Unsupported extends Error {}

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function convert(node: unknown, pointer: string): unknown {
  if (typeof node === 'boolean') return node
  if (!isObject(node)) throw new Unsupported(`${pointer || '#'}: not a schema`)
  const out: JsonSchema = {}
  for (const [keyword, value] of Object.entries(node)) {
    const here = `${pointer}/${keyword}`
    if (UNSUPPORTED.includes(keyword)) throw new Unsupported(`${here}: \`${keyword}\` has no draft-07 equivalent`)
    if (SINGLE.includes(keyword)) out[keyword] = convert(value, here)
    else if (MAPS.includes(keyword) && isObject(value)) {
      out[keyword] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, `${here}/${k}`)]))
    } else if (LISTS.includes(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((v, i) => convert(v, `${here}/${i}`))
    } else if (keyword === '$ref' && typeof value === 'string')
      out[keyword] = value.replace('#/$defs/', '#/definitions/')
    else out[keyword] = value
  }
  return rename(out)
}

/** Rewrites the 2020-12 spellings of a converted node into draft-07 ones. */
function rename(node: JsonSchema): JsonSchema {
  const { $defs, prefixItems, items, dependentRequired, dependentSchemas, ...rest } = node
  const out: JsonSchema = { ...rest }
  if ($defs !== undefined)
    out.definitions = { ...(isObject(out.definitions) ? out.definitions : {}), ...($defs as JsonSchema) }
  if (prefixItems !== undefined) {
    // Draft-07 tuples: `items` is the list, `additionalItems` what 2020-12 `items` was.
    out.items = prefixItems
    if (items !== undefined) out.additionalItems = items
  } else if (items !== undefined) out.items = items
  if (dependentRequired !== undefined || dependentSchemas !== undefined) {
    out.dependencies = { ...(dependentSchemas as JsonSchema), ...(dependentRequired as JsonSchema) }
  }
  return out
}

/**
 * Renders a 2020-12 schema as draft-07. The root loses `$schema`, `$id` and `$comment`:
 * the rendering is embedded in another document, which declares the dialect, and the
 * `$id` belongs to the published 2020-12 schema, not to this copy.
 */
export function toDraft07(schema: JsonSchema): Draft07Result {
  try {
    const { $schema: _, $id: __, $comment: ___, ...body } = convert(schema, '#') as JsonSchema
    return { ok: true, schema: body }
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, error: error.message }
    throw error
  }
}
