/**
 * The one place that phrases a JSON Schema error (Ajv's `ErrorObject`, or TypeBox's
 * equal shape) for people. Callers pick a voice — how a value is shown after "got" —
 * and may override the phrase of a keyword; everything else (the pattern phrases, the
 * articles, "did you mean", folding `anyOf` branches) is written once, here.
 *
 * To phrase a new keyword (`if`, `oneOf`, …), add an entry to `KEYWORD_PHRASES`.
 */
import {
  ABSOLUTE_PATH_PATTERN,
  RELATIVE_PATH_PATTERN,
  REPO_SLUG_PATTERN,
  SLUG_PATTERN,
  TIME_OF_DAY_PATTERN,
  TIMESTAMP_PATTERN,
  TIMEZONE_PATTERN,
} from '../../contracts/constants.ts'
import { closestMatch } from './closest.ts'
import { pointerSegments } from './pointer.ts'

/** The parts of a schema error the phrases read (Ajv's `ErrorObject`; TypeBox's errors have the same fields). */
export interface SchemaError {
  readonly keyword: string
  readonly instancePath: string
  readonly schemaPath: string
  readonly params: Record<string, unknown>
  readonly message?: string
  /** The failing value (Ajv `verbose`). */
  readonly data?: unknown
  /** The schema holding the failed keyword (Ajv `verbose`). */
  readonly parentSchema?: unknown
  /** The failed keyword's value (Ajv `verbose`). */
  readonly schema?: unknown
}

/** A phrased problem: the message, and the closest valid value when one is a plausible typo. */
export interface Phrase {
  readonly message: string
  readonly suggestion?: string
}

/** What each contract pattern means, in words; wording follows the pattern constants in contracts/. */
export const PATTERN_PHRASES: Readonly<Record<string, string>> = {
  [TIME_OF_DAY_PATTERN]: 'a 24-hour time HH:MM, such as "09:00"',
  [RELATIVE_PATH_PATTERN]: 'a repo-relative path that stays inside the repo (no leading "/", no "..", no "\\")',
  [TIMEZONE_PATTERN]: 'an IANA time zone such as Europe/Berlin or UTC',
  [SLUG_PATTERN]: 'a lowercase slug (a-z, 0-9 and "-", starting with a letter, at most 63 characters)',
  [TIMESTAMP_PATTERN]: 'an RFC 3339 timestamp such as 2026-06-15T09:03:00Z',
  [REPO_SLUG_PATTERN]: 'a repo slug (letters, digits, ".", "_" and "-", starting with a letter or digit)',
  [ABSOLUTE_PATH_PATTERN]: 'an absolute path',
}

/** `a string matching …` unless the pattern has a phrase. */
export const patternPhrase = (pattern: string): string => PATTERN_PHRASES[pattern] ?? `a string matching ${pattern}`

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `'x'` for text, JSON otherwise: values as a YAML author wrote them. */
export const showValue = (value: unknown): string =>
  typeof value === 'string'
    ? `'${value}'`
    : // JSON would print `null` for 1e400 (read as Infinity): name what it is instead.
      typeof value === 'number' && !Number.isFinite(value)
      ? 'a number too large to represent'
      : JSON.stringify(value)

/** What a YAML value is, in YAML's words: `a list`, `a mapping`, `string 'x'`. */
export const yamlTypeOf = (value: unknown): string =>
  value === null
    ? 'nothing (an empty value)'
    : Array.isArray(value)
      ? 'a list'
      : value instanceof Uint8Array
        ? 'binary data'
        : typeof value === 'object'
          ? 'a mapping'
          : `${typeof value} ${showValue(value)}`

/** What a JSON value is: `null`, `an array`, `the string "x"`, `an object (keys: …)`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (isRecord(value)) {
    const keys = Object.keys(value)
    const shown = keys.slice(0, 5).join(', ')
    return keys.length === 0 ? 'an empty object' : `an object (keys: ${shown}${keys.length > 5 ? ', …' : ''})`
  }
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`
  return `${typeof value} ${String(value)}`
}

/** `a string`, `an integer`; YAML says mapping and list where JSON says object and array. */
export function withArticle(type: string, words: 'yaml' | 'json' = 'json'): string {
  const noun = words === 'yaml' ? (type === 'object' ? 'mapping' : type === 'array' ? 'list' : type) : type
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`
}

/** How a document's values are talked about: a manifest is YAML a person wrote; outputs and rosters are JSON. */
export interface Voice {
  /** Words for types: YAML (mapping, list) or JSON (object, array). */
  readonly words: 'yaml' | 'json'
  /** Between what was expected and what was found: "; got " or ", got ". */
  readonly got: string
  /** A value that broke an enum, const or pattern. */
  readonly show: (value: unknown) => string
  /** A value of the wrong type. */
  readonly showType: (value: unknown) => string
  /** What to add for a missing required key, by key. */
  readonly requiredHints?: Readonly<Record<string, string>>
  /** What the keys of a map are called, by the map's name ("agent name"), for bad keys. */
  readonly mapKeyNouns?: Readonly<Record<string, string>>
}

/** The voice of the manifest (YAML a person wrote). */
export const YAML_VOICE: Voice = { words: 'yaml', got: '; got ', show: showValue, showType: yamlTypeOf }

/** The voice of JSON documents: rosters, and our own outputs when they break their contract. */
export const JSON_VOICE: Voice = { words: 'json', got: ', got ', show: describeValue, showType: describeValue }

/** Words YAML 1.1 read as booleans; YAML 1.2 (and so this loader) reads them as text. */
const YAML11_BOOLEANS = new Set(['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false'])

/** ` — did you mean 'x'?` when `value` is a plausible typo of one of the allowed strings. */
function didYouMean(value: unknown, allowed: readonly unknown[]): { hint: string; suggestion?: string } {
  if (typeof value !== 'string') return { hint: '' }
  const suggestion = closestMatch(
    value,
    allowed.filter((a): a is string => typeof a === 'string'),
  )
  return suggestion && suggestion !== value ? { hint: ` — did you mean '${suggestion}'?`, suggestion } : { hint: '' }
}

/** Describes what a (sub)schema accepts, for anyOf messages. */
function describeSchema(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`
  if (schema.type === 'integer' && typeof schema.minimum === 'number' && typeof schema.maximum === 'number') {
    return `an integer ${schema.minimum}..${schema.maximum}`
  }
  if (typeof schema.pattern === 'string') return patternPhrase(schema.pattern)
  return `a ${String(schema.type ?? 'value')}`
}

/** `; got 'x'` — or nothing when the validator did not keep the value (Ajv without `verbose`). */
const got = (error: SchemaError, voice: Voice, show: (value: unknown) => string = voice.show): string =>
  'data' in error ? `${voice.got}${show(error.data)}` : ''

/** Phrases one keyword's error in a voice. */
export type KeywordPhrase = (error: SchemaError, voice: Voice) => Phrase

/** The phrase of each JSON Schema keyword; a keyword without an entry falls back to the validator's own message. */
export const KEYWORD_PHRASES: Readonly<Record<string, KeywordPhrase>> = {
  required: (error, voice) => {
    // Ajv names one missing property; TypeBox lists them.
    const listed = error.params.requiredProperties
    const missing = Array.isArray(listed) ? listed.join("', '") : String(error.params.missingProperty)
    return { message: `missing required key '${missing}'${voice.requiredHints?.[missing] ?? ''}` }
  },
  additionalProperties: (error, voice) => {
    const key = String(error.params.additionalProperty)
    const parent = isRecord(error.parentSchema) ? error.parentSchema : {}
    const known = Object.keys(isRecord(parent.properties) ? parent.properties : {})
    if (known.length === 0) {
      // A map keyed by pattern (agents, pointers): the key itself is the value at fault.
      const noun = voice.mapKeyNouns?.[pointerSegments(error.instancePath).at(-1) ?? ''] ?? 'key'
      const slug = key.toLowerCase()
      const suggestion = new RegExp(SLUG_PATTERN, 'u').test(slug) ? slug : undefined
      return {
        message: `${noun} ${showValue(key)} is not valid: use ${PATTERN_PHRASES[SLUG_PATTERN]}${suggestion ? ` — did you mean '${suggestion}'?` : ''}`,
        ...(suggestion === undefined ? {} : { suggestion }),
      }
    }
    const suggestion = closestMatch(key, known)
    return suggestion
      ? { message: `unknown key ${showValue(key)} — did you mean '${suggestion}'?`, suggestion }
      : { message: `unknown key ${showValue(key)}; expected one of ${known.join(', ')}` }
  },
  enum: (error, voice) => {
    const allowed = error.params.allowedValues as unknown[]
    const { hint, suggestion } = didYouMean(error.data, allowed)
    return {
      message: `must be one of ${allowed.join(', ')}${got(error, voice)}${hint}`,
      ...(suggestion === undefined ? {} : { suggestion }),
    }
  },
  const: (error, voice) => ({
    message: `must be ${showValue(error.params.allowedValue)}${got(error, voice)}`,
  }),
  type: (error, voice) => {
    const expected = String(error.params.type)
    const parent = isRecord(error.parentSchema) ? error.parentSchema : {}
    // A time written as 0900 is a number to YAML; say what the string should look like.
    const phrase =
      voice.words === 'yaml' && typeof parent.pattern === 'string' ? PATTERN_PHRASES[parent.pattern] : undefined
    const hint =
      voice.words === 'yaml' &&
      expected === 'boolean' &&
      typeof error.data === 'string' &&
      YAML11_BOOLEANS.has(error.data.toLowerCase())
        ? ' (write true or false, without quotes)'
        : ''
    const what = phrase ? `${phrase} (in quotes)` : withArticle(expected, voice.words)
    return { message: `must be ${what}${got(error, voice, voice.showType)}${hint}` }
  },
  pattern: (error, voice) => ({
    message: `must be ${patternPhrase(String(error.params.pattern))}${got(error, voice)}`,
  }),
  minProperties: (error) => ({
    message:
      error.instancePath === '/agents'
        ? 'at least one agent is required'
        : `must have at least ${String(error.params.limit)} entries`,
  }),
  anyOf: (error, voice) => {
    const schemas = (Array.isArray(error.schema) ? error.schema : []) as Record<string, unknown>[]
    const allowed = schemas.flatMap((branch) => (Array.isArray(branch.enum) ? branch.enum : []))
    const { hint, suggestion } = didYouMean(error.data, allowed)
    return {
      message: `must be ${schemas.map(describeSchema).join(' or ')}${got(error, voice)}${hint}`,
      ...(suggestion === undefined ? {} : { suggestion }),
    }
  },
}

/** The validator's own words, with what was found. */
const fallback: KeywordPhrase = (error, voice) => ({
  message: `${error.message ?? 'is invalid'}${got(error, voice)}`,
})

/**
 * Phrases one schema error. `overrides` replaces the phrase of chosen keywords for one
 * kind of document (a roster names fields, not keys).
 */
export function phraseSchemaError(
  error: SchemaError,
  voice: Voice = JSON_VOICE,
  overrides: Readonly<Record<string, KeywordPhrase>> = {},
): Phrase {
  const phrase = overrides[error.keyword] ?? KEYWORD_PHRASES[error.keyword] ?? fallback
  return phrase(error, voice)
}

/**
 * The errors worth telling a person about: errors inside a failed `anyOf` only say why
 * each branch failed, so they are folded into the `anyOf` itself; errors inside a
 * failed `then` are folded into its `if` (whose phrase says what the condition needs).
 */
export function withoutBranchErrors<E extends SchemaError>(errors: readonly E[]): E[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf')
  const thens = errors.filter((e) => e.keyword === 'if').map((e) => e.schemaPath.replace(/\/if$/, '/then/'))
  const explained = (e: E) =>
    (e.keyword !== 'anyOf' &&
      anyOfs.some((a) => a.instancePath === e.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`))) ||
    thens.some((then) => e.schemaPath.startsWith(then))
  return errors.filter((e) => !explained(e))
}

/** `/path message` — one line per problem of an in-memory document; `whole` names the document itself. */
export function problemLine(error: SchemaError, whole: string, voice: Voice = JSON_VOICE): string {
  return `${error.instancePath || whole} ${phraseSchemaError(error, voice).message}`
}
