/**
 * Checking a roster (state-hub's `GET /repos/` answer) against the roster contract.
 * Pure: takes parsed JSON or text, returns the roster or problems that name the
 * entry index, its slug and the field, so an operator can find the bad hub record.
 */
import type { ErrorObject } from 'ajv'
import type { Roster } from '../../contracts/roster.ts'
import validateRoster from '../../generated/validators/roster.ts'
import { describeValue, JSON_VOICE, type KeywordPhrase, phraseSchemaError } from '../schema/phrase.ts'
import { validationErrors } from '../schema/validation-errors.ts'

/** A roster that matches the contract, or every problem found (capped, see `MAX_ROSTER_PROBLEMS`). */
export type RosterCheck =
  | { readonly ok: true; readonly roster: Roster }
  | { readonly ok: false; readonly problems: string[] }

/** How many problems a report lists before summarising the rest; a broken hub can fail 10,000 entries. */
export const MAX_ROSTER_PROBLEMS = 20

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

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

/** A roster names fields (it is an operator's JSON), not keys. */
const ROSTER_PHRASES: Readonly<Record<string, KeywordPhrase>> = {
  required: (error) => ({ message: `field ${fieldPath([String(error.params.missingProperty)])} is missing` }),
}

const expectation = (error: ErrorObject): string => phraseSchemaError(error, JSON_VOICE, ROSTER_PHRASES).message

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

/**
 * V8's JSON.parse message, located: "line L, column C: <reason>" where V8 gives the
 * offset (or the input ended), and without the copy of the input V8 appends, which the
 * caller shows clipped and escaped instead.
 */
export function jsonSyntaxProblem(text: string, error: Error): string {
  const reason = error.message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '')
  const at = /at position (\d+)/.exec(error.message)
  const offset = at ? Number(at[1]) : /end of JSON input/.test(error.message) ? text.length : undefined
  if (offset === undefined) return reason
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - (before.lastIndexOf('\n') + 1) + 1
  return `line ${line}, column ${column}: ${reason}`
}

/** Parses and checks roster text; `origin` names where it came from in messages ("roster file x.json"). */
export function rosterFromText(text: string, origin: string): RosterLoad {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const start = text.trimStart().slice(0, 40)
    const shown = start === '' ? 'it is empty' : `it starts with ${JSON.stringify(start)}`
    return {
      ok: false,
      message: `${origin} is not JSON (${jsonSyntaxProblem(text, error as Error)}; ${shown})`,
      problems: [],
    }
  }
  const check = checkRoster(data)
  if (check.ok) return check
  return { ok: false, message: `${origin} is not a valid roster:`, problems: check.problems }
}
