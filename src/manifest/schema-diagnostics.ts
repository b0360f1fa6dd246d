/**
 * Stage 4 of loading: Ajv errors on the published manifest schema → located
 * diagnostics with messages a person can act on. Phrases for patterns come from
 * the pattern constants in contracts/constants.ts, so wording follows the contract.
 */
import type { ErrorObject } from 'ajv'
import {
  CADENCES,
  LAST_MONTH_DAY,
  RELATIVE_PATH_PATTERN,
  SLUG_PATTERN,
  TIME_OF_DAY_PATTERN,
  TIMESTAMP_PATTERN,
  TIMEZONE_PATTERN,
  WEEKDAYS,
} from '../../contracts/constants.ts'
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { closestMatch } from './closest.ts'
import { parentPointer, pointerSegments, toPointer } from './pointer.ts'
import { locate, type YamlSource } from './yaml-source.ts'

const PATTERN_PHRASES: Readonly<Record<string, string>> = {
  [TIME_OF_DAY_PATTERN]: 'a 24-hour time HH:MM, such as "09:00"',
  [RELATIVE_PATH_PATTERN]: 'a repo-relative path that stays inside the repo (no leading "/", no "..", no "\\")',
  [TIMEZONE_PATTERN]: 'an IANA time zone such as Europe/Berlin or UTC',
  [SLUG_PATTERN]: 'a lowercase slug (a-z, 0-9 and "-", starting with a letter, at most 63 characters)',
  [TIMESTAMP_PATTERN]: 'an RFC 3339 timestamp such as 2026-06-15T09:03:00Z',
}

/** What to write for a missing required key. */
const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  version: ' (the opt-in marker) — add `version: 1`',
  agents: ' — add `agents:` with at least one agent, such as `coach: {cadence: weekly}`',
  cadence: ` — add \`cadence:\` (${CADENCES.join(', ')})`,
}

/** Per cadence, what its `day` must be (the schema's `if`/`then` rules), as `day`'s message. */
const DAY_FOR_CADENCE: Readonly<Record<string, (shown: string) => string>> = {
  daily: () => `'day' is not allowed for a daily cadence; remove it or use weekly/monthly`,
  weekly: (shown) => `a weekly cadence needs a weekday ${WEEKDAYS[0]}..${WEEKDAYS.at(-1)}; got ${shown}`,
  monthly: (shown) => `a monthly cadence needs a day of the month 1..${LAST_MONTH_DAY}; got ${shown}`,
}

/** What the keys of a map are called, by the map's name, for messages about bad keys. */
const MAP_KEY_NOUNS: Readonly<Record<string, string>> = { agents: 'agent name', pointers: 'pointer label' }

const show = (value: unknown): string =>
  typeof value === 'string'
    ? `'${value}'`
    : // JSON would print `null` for 1e400 (read as Infinity): name what it is instead.
      typeof value === 'number' && !Number.isFinite(value)
      ? 'a number too large to represent'
      : JSON.stringify(value)

const typeOfValue = (value: unknown): string =>
  value === null
    ? 'nothing (an empty value)'
    : Array.isArray(value)
      ? 'a list'
      : value instanceof Uint8Array
        ? 'binary data'
        : typeof value === 'object'
          ? 'a mapping'
          : `${typeof value} ${show(value)}`

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
  if (typeof schema.pattern === 'string')
    return PATTERN_PHRASES[schema.pattern] ?? `a string matching ${schema.pattern}`
  return `a ${String(schema.type ?? 'value')}`
}

/** Maps one Ajv error to a diagnostic with a message a person can act on. */
function toDiagnostic(source: YamlSource, error: ErrorObject): Diagnostic {
  const { file } = source
  const path = error.instancePath
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty)
      const hint = REQUIRED_HINTS[missing] ?? ''
      // Point at the key that owns the incomplete mapping (`coach:`), not at its first child.
      const segments = pointerSegments(path)
      const at =
        segments.length === 0 ? locate(source, '') : locate(source, toPointer(segments.slice(0, -1)), segments.at(-1))
      return errorAt(
        file,
        at,
        toPointer([...segments, missing]),
        'required',
        `missing required key '${missing}'${hint}`,
      )
    }
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty)
      const at = locate(source, path, key)
      const keyPath = toPointer([...pointerSegments(path), key])
      const known = Object.keys((parent.properties ?? {}) as object)
      if (known.length === 0) {
        const noun = MAP_KEY_NOUNS[pointerSegments(path).at(-1) ?? ''] ?? 'key'
        const slug = key.toLowerCase()
        const suggestion = new RegExp(SLUG_PATTERN, 'u').test(slug) ? slug : undefined
        return errorAt(
          file,
          at,
          keyPath,
          'additionalProperties',
          `${noun} ${show(key)} is not valid: use ${PATTERN_PHRASES[SLUG_PATTERN]}${suggestion ? ` — did you mean '${suggestion}'?` : ''}`,
          suggestion,
        )
      }
      const suggestion = closestMatch(key, known)
      const message = suggestion
        ? `unknown key ${show(key)} — did you mean '${suggestion}'?`
        : `unknown key ${show(key)}; expected one of ${known.join(', ')}`
      return errorAt(file, at, keyPath, 'additionalProperties', message, suggestion)
    }
    case 'if': {
      // A failed `then` of a per-cadence rule: say what the cadence needs, at `day`.
      const agent = (error.data ?? {}) as Record<string, unknown>
      const dayPath = toPointer([...pointerSegments(path), 'day'])
      const phrase = DAY_FOR_CADENCE[String(agent.cadence)]
      const message = phrase ? phrase(show(agent.day)) : `'day' does not fit cadence ${show(agent.cadence)}`
      return errorAt(file, locate(source, dayPath), dayPath, 'if', message)
    }
    case 'enum': {
      const allowed = error.params.allowedValues as unknown[]
      if (path === '/timezone') return timezoneDiagnostic(source, error.data, allowed)
      const { hint, suggestion } = didYouMean(error.data, allowed)
      return errorAt(
        file,
        locate(source, path),
        path,
        'enum',
        `must be one of ${allowed.join(', ')}; got ${show(error.data)}${hint}`,
        suggestion,
      )
    }
    case 'const':
      return errorAt(
        file,
        locate(source, path),
        path,
        'const',
        `must be ${show(error.params.allowedValue)}; got ${show(error.data)}`,
      )
    case 'type': {
      const expected = String(error.params.type)
      // A time written as 0900 is a number to YAML; say what the string should look like.
      const phrase = typeof parent.pattern === 'string' ? PATTERN_PHRASES[parent.pattern] : undefined
      const hint =
        expected === 'boolean' && typeof error.data === 'string' && YAML11_BOOLEANS.has(error.data.toLowerCase())
          ? ' (write true or false, without quotes)'
          : ''
      return errorAt(
        file,
        locate(source, path),
        path,
        'type',
        `must be ${phrase ? `${phrase} (in quotes)` : articleFor(expected)}; got ${typeOfValue(error.data)}${hint}`,
      )
    }
    case 'pattern':
      return errorAt(
        file,
        locate(source, path),
        path,
        'pattern',
        `must be ${PATTERN_PHRASES[String(error.params.pattern)] ?? `a string matching ${String(error.params.pattern)}`}; got ${show(error.data)}`,
      )
    case 'minProperties':
      return errorAt(
        file,
        locate(source, path),
        path,
        'minProperties',
        path === '/agents'
          ? 'at least one agent is required'
          : `must have at least ${String(error.params.limit)} entries`,
      )
    case 'anyOf': {
      const schemas = error.schema as Record<string, unknown>[]
      const allowed = schemas.flatMap((branch) => (Array.isArray(branch.enum) ? branch.enum : []))
      const { hint, suggestion } = didYouMean(error.data, allowed)
      return errorAt(
        file,
        locate(source, path),
        path,
        'anyOf',
        `must be ${schemas.map(describeSchema).join(' or ')}; got ${show(error.data)}${hint}`,
        suggestion,
      )
    }
    default:
      return errorAt(
        file,
        locate(source, path),
        path,
        error.keyword,
        `${error.message ?? 'is invalid'}; got ${show(error.data)}`,
      )
  }
}

/** An unknown time zone, with a did-you-mean from the schema's own list (case-insensitive). */
function timezoneDiagnostic(source: YamlSource, zone: unknown, allowed: readonly unknown[]): Diagnostic {
  const zones = allowed.filter((z): z is string => typeof z === 'string')
  const lower =
    typeof zone === 'string'
      ? closestMatch(
          zone,
          zones.map((z) => z.toLowerCase()),
        )
      : undefined
  const proper = lower === undefined ? undefined : zones.find((z) => z.toLowerCase() === lower)
  const hint = proper ? ` — did you mean '${proper}'?` : '; expected an IANA zone such as Europe/Berlin or UTC'
  return errorAt(
    source.file,
    locate(source, '/timezone'),
    '/timezone',
    'enum',
    `unknown time zone ${show(zone)}${hint}`,
    proper,
  )
}

function articleFor(type: string): string {
  const noun = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`
}

/**
 * Turns Ajv's errors into one diagnostic per problem: errors inside a failed
 * `anyOf` are folded into that `anyOf` (they only say why each branch failed), and
 * errors inside a failed `then` into its `if` (which says what the cadence needs).
 */
export function schemaDiagnostics(source: YamlSource, errors: readonly ErrorObject[]): Diagnostic[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf')
  const thens = errors.filter((e) => e.keyword === 'if').map((e) => e.schemaPath.replace(/\/if$/, '/then/'))
  const explained = (e: ErrorObject) =>
    (e.keyword !== 'anyOf' &&
      anyOfs.some((a) => a.instancePath === e.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`))) ||
    thens.some((then) => e.schemaPath.startsWith(then))
  const diagnostics = errors.filter((e) => !explained(e)).map((e) => toDiagnostic(source, e))
  // A day that is no day at all (31) is reported once, by its own type, not again for its cadence.
  const other = new Set(diagnostics.filter((d) => d.keyword !== 'if').map((d) => d.path))
  return foldTypos(diagnostics.filter((d) => d.keyword !== 'if' || !other.has(d.path)))
}

/**
 * A misspelt required key shows up twice: as an unknown key and as a missing one.
 * "unknown key 'cadance' — did you mean 'cadence'?" already says both, so the
 * "missing required key 'cadence'" next to it is dropped.
 */
function foldTypos(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const typoTargets = new Set(
    diagnostics
      .filter((d) => d.keyword === 'additionalProperties' && d.suggestion !== undefined)
      .map((d) => toPointer([...pointerSegments(parentPointer(d.path)), d.suggestion ?? ''])),
  )
  return diagnostics.filter((d) => !(d.keyword === 'required' && typoTargets.has(d.path)))
}
