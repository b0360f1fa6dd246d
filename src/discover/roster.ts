/**
 * Checking a roster (state-hub's `GET /repos/` answer) against the roster contract.
 * Pure: takes parsed JSON or text, returns the roster or problems that name the
 * entry index, its slug and the field, so an operator can find the bad hub record.
 */
import type { ErrorObject } from 'ajv'
import { ABSOLUTE_PATH_PATTERN, REPO_SLUG_PATTERN } from '../../contracts/constants.ts'
import type { Roster } from '../../contracts/roster.ts'
import validateRoster from '../../generated/validators/roster.ts'
import { validationErrors } from '../schema/validation-errors.ts'

/** A roster that matches the contract, or every problem found (capped, see `MAX_ROSTER_PROBLEMS`). */
export type RosterCheck =
  | { readonly ok: true; readonly roster: Roster }
  | { readonly ok: false; readonly problems: string[] }

/** How many problems a report lists before summarising the rest; a broken hub can fail 10,000 entries. */
export const MAX_ROSTER_PROBLEMS = 20

const PATTERN_PHRASES: Readonly<Record<string, string>> = {
  [REPO_SLUG_PATTERN]: 'a repo slug (letters, digits, ".", "_" and "-", starting with a letter or digit)',
  [ABSOLUTE_PATH_PATTERN]: 'an absolute path',
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** What a value is, for "got …" phrases: `null`, `an array`, `the string "x"`, `an object (keys: …)`. */
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

const unescapePointer = (token: string): string => token.replaceAll('~1', '/').replaceAll('~0', '~')

/** `host_paths.devbox`, `host_paths["ci-01.example.com"]`: a field path that stays readable when keys hold dots. */
function fieldPath(tokens: readonly string[]): string {
  return tokens.reduce(
    (path, token) =>
      /^[A-Za-z_][A-Za-z0-9_-]*$/.test(token)
        ? path === ''
          ? token
          : `${path}.${token}`
        : `${path}[${JSON.stringify(token)}]`,
    '',
  )
}

function expectation(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return `field ${fieldPath([String(error.params.missingProperty)])} is missing`
    case 'type':
      return `must be ${/^[aeiou]/.test(String(error.params.type)) ? 'an' : 'a'} ${String(error.params.type)}, got ${describeValue(error.data)}`
    case 'pattern': {
      const pattern = String(error.params.pattern)
      return `must be ${PATTERN_PHRASES[pattern] ?? `a string matching ${pattern}`}, got ${describeValue(error.data)}`
    }
    default:
      return `${error.message ?? 'is invalid'}, got ${describeValue(error.data)}`
  }
}

/** Names an entry by index and, when it has a usable one, its slug. */
function entryLabel(roster: readonly unknown[], index: number): string {
  const entry = roster[index]
  const slug = isRecord(entry) ? entry.slug : undefined
  return typeof slug === 'string' ? `entry ${index} (slug ${JSON.stringify(slug)})` : `entry ${index}`
}

/** One human line per Ajv error on the roster. */
function problemOf(data: unknown, error: ErrorObject): string {
  const tokens = error.instancePath.split('/').slice(1).map(unescapePointer)
  if (tokens.length === 0) {
    return error.keyword === 'type'
      ? `the roster must be a JSON array of repos (state-hub GET /repos/), got ${describeValue(data)}`
      : `the roster ${expectation(error)}`
  }
  const [index, ...field] = tokens
  const label = entryLabel(data as unknown[], Number(index))
  if (field.length === 0) return `${label}: ${expectation(error)}`
  return `${label}, field ${fieldPath(field)}: ${expectation(error)}`
}

function duplicateSlugProblems(roster: Roster): string[] {
  const first = new Map<string, number>()
  const problems: string[] = []
  roster.forEach((repo, index) => {
    const seen = first.get(repo.slug)
    if (seen === undefined) first.set(repo.slug, index)
    else
      problems.push(
        `entry ${index} (slug ${JSON.stringify(repo.slug)}): the slug is already used by entry ${seen}; slugs must be unique`,
      )
  })
  return problems
}

function capped(problems: readonly string[]): string[] {
  if (problems.length <= MAX_ROSTER_PROBLEMS) return [...problems]
  const rest = problems.length - MAX_ROSTER_PROBLEMS
  return [...problems.slice(0, MAX_ROSTER_PROBLEMS), `… and ${rest} more problem${rest === 1 ? '' : 's'}`]
}

/**
 * Checks parsed JSON against the roster contract (unknown hub fields are ignored)
 * and that no two entries share a slug: duplicates would schedule a repo twice.
 */
export function checkRoster(data: unknown): RosterCheck {
  const errors = validationErrors(validateRoster, data)
  if (errors.length > 0) {
    // A missing property also fails its siblings' checks in some Ajv paths; keep each line once.
    return { ok: false, problems: capped([...new Set(errors.map((e) => problemOf(data, e)))]) }
  }
  const roster = data as Roster
  const duplicates = duplicateSlugProblems(roster)
  return duplicates.length > 0 ? { ok: false, problems: capped(duplicates) } : { ok: true, roster }
}

/** A roster loaded from a file or the hub, or why it could not be: a message plus, when it is JSON but not a roster, the problems. */
export type RosterLoad =
  | { readonly ok: true; readonly roster: Roster }
  | { readonly ok: false; readonly message: string; readonly problems: readonly string[] }

/** Parses and checks roster text; `origin` names where it came from in messages ("roster file x.json"). */
export function rosterFromText(text: string, origin: string): RosterLoad {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const start = text.trimStart().slice(0, 40)
    const shown = start === '' ? 'it is empty' : `it starts with ${JSON.stringify(start)}`
    return { ok: false, message: `${origin} is not JSON (${(error as Error).message}; ${shown})`, problems: [] }
  }
  const check = checkRoster(data)
  if (check.ok) return check
  return { ok: false, message: `${origin} is not a valid roster:`, problems: check.problems }
}
