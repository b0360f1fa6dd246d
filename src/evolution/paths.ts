/**
 * The two paths every change carries: where in a document it bites (a JSONPath,
 * RFC 9535 notation) and where in the schema it is (a JSON Pointer fragment, RFC 6901).
 */

/** One step from a schema node to a subschema, as seen from the document. */
export type Segment =
  /** A named property. */
  | { readonly key: string }
  /** A position in a tuple (`prefixItems`). */
  | { readonly index: number }
  /** Every item of an array (`items`, `contains`). */
  | 'each'
  /** Every member of an object not named by `properties` (`patternProperties`, `additionalProperties`). */
  | 'any-key'
  /** The property names of an object (`propertyNames`). */
  | 'keys'

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `[{key:'agents'}, 'any-key', {key:'day'}]` → `$.agents.*.day`; odd names in brackets: `$['ce-id']`. */
export function renderInstancePath(segments: readonly Segment[]): string {
  let out = '$'
  for (const segment of segments) {
    if (segment === 'each') out += '[*]'
    else if (segment === 'any-key') out += '.*'
    else if (segment === 'keys') out += '~'
    else if ('index' in segment) out += `[${segment.index}]`
    else if (IDENTIFIER.test(segment.key)) out += `.${segment.key}`
    else out += `['${segment.key.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`
  }
  return out
}

/** `['properties', 'a/b']` → `#/properties/a~1b`. */
export const renderSchemaPointer = (tokens: readonly string[]): string =>
  `#${tokens.map((t) => `/${t.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')}`
