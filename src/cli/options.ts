/** Option parsers shared by commands; they throw commander's InvalidArgumentError so usage errors exit 2. */
import { resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { RUN_ID_PATTERN, SLUG_PATTERN, TIMESTAMP_PATTERN } from '../../contracts/constants.ts'
import { UsageError } from './exit-codes.ts'

/** Parses `--format` against the allowed values. */
export const formatOption = <T extends string>(allowed: readonly T[]): ((value: string) => T) & ChoicesOf<T> =>
  Object.assign(
    (value: string): T => {
      if (!(allowed as readonly string[]).includes(value)) {
        throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`)
      }
      return value as T
    },
    { choices: allowed },
  )

/** The values a parser accepts, carried on it so shell completion can offer them (completion.ts). */
export interface ChoicesOf<T extends string = string> {
  readonly choices: readonly T[]
}

/** Parses a positive integer option. */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive integer')
  return n
}

/** Longest `--timeout-ms` (hub, NATS): one hour. Node's timers cannot go past about 24.8 days (2^31 - 1 ms): beyond that they warn and fire at once. */
export const MAX_TIMEOUT_MS = 3_600_000

/** Parses `--timeout-ms` (discover's hub, prepare's NATS): whole milliseconds from 1 to {@link MAX_TIMEOUT_MS}. */
export function timeoutMsOption(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_TIMEOUT_MS)
    throw new InvalidArgumentError(`expected milliseconds from 1 to ${MAX_TIMEOUT_MS} (one hour)`)
  return n
}

/**
 * A path option (`--target`, `--roster`, `--local`) that must name something: `resolve`
 * reads '' as the working directory, so `--target "$UNSET_VAR"` would quietly work on
 * whatever directory the command was started in.
 */
export const pathOption =
  (flag: string) =>
  (value: string): string => {
    // A UsageError, so the line reads as the rule it is ('--target must not be empty').
    if (value === '') throw new UsageError(`${flag} must not be empty: name a path, or leave ${flag} out`)
    return value
  }

/** Resolves `--target` (default: the working directory) to an absolute path. */
export const targetDir = (cwd: string, target: string | undefined): string => resolve(cwd, target ?? '.')

/**
 * Parses a comma-separated list of agent names (`coach,optimization`): each must be a
 * slug, because agent names reach paths and shell commands. Repeats are dropped.
 */
export function agentList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  if (names.length === 0) throw new InvalidArgumentError('expected at least one agent name, such as coach,optimization')
  const bad = names.find((name) => !new RegExp(SLUG_PATTERN, 'u').test(name))
  if (bad !== undefined) {
    throw new InvalidArgumentError(
      `'${bad}' is not a valid agent name: use a lowercase slug (a-z, 0-9 and "-", starting with a letter, at most 63 characters)`,
    )
  }
  return [...new Set(names)]
}

/** Parses `--run-id`: the id `discover` emits (`<repo>.<agent>.<YYYYMMDDTHHMMZ>`), or any id of the same characters. */
export function runIdOption(value: string): string {
  if (!new RegExp(RUN_ID_PATTERN, 'u').test(value)) {
    throw new InvalidArgumentError(
      "expected a run id such as acme-service.coach.20270104T0800Z (letters, digits, '.', '_', ':' and '-', at most 256)",
    )
  }
  return value
}

/** The instants the commands accept: from the Unix epoch, up to (not including) the year 9999. */
export const INSTANT_RANGE = { from: '1970-01-01T00:00:00Z', before: '9999-01-01T00:00:00Z' } as const

/** An instant typed by the operator, or why it is refused (worded for a message line). */
export type ParsedInstant = { ok: true; date: Date } | { ok: false; message: string }

/** Whether the date part names a real day: `Date` rolls 2026-02-30 over to March 2 without a word. */
function isCalendarDate(timestamp: string): boolean {
  const [year, month, day] = timestamp.slice(0, 10).split('-').map(Number) as [number, number, number]
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0 to 99 as 1900 to 1999.
  const probe = new Date(0)
  probe.setUTCFullYear(year, month - 1, day)
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day
}

/**
 * Parses an RFC 3339 instant with a zone (`--at`, `--from`, `--to`, KAIZEN_NOW). A time
 * without `Z` or an offset is refused rather than read in the machine's local zone, which
 * would make the same command mean different instants on different hosts. A day that
 * does not exist is refused rather than rolled over by `Date`, and the range is bounded:
 * the contracts' timestamps have four-digit years, so a next run or an occurrence in the
 * year 10000 could not be written; before 1970 zones kept local mean time, whose offsets
 * (+00:53:28) an RFC 3339 timestamp cannot write either.
 */
export function parseInstant(value: string): ParsedInstant {
  if (!new RegExp(TIMESTAMP_PATTERN, 'u').test(value)) {
    return {
      ok: false,
      message:
        'expected an RFC 3339 timestamp with a zone (Z or an offset), such as 2027-01-04T08:00:00Z or 2027-01-04T09:00:00+01:00',
    }
  }
  if (!isCalendarDate(value)) return { ok: false, message: `${value.slice(0, 10)} is no such day` }
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) {
    return { ok: false, message: 'expected an RFC 3339 timestamp with a zone, such as 2027-01-04T08:00:00Z' }
  }
  if (date.getTime() >= Date.parse(INSTANT_RANGE.before)) {
    return {
      ok: false,
      message: `out of range: the contracts' timestamps have four-digit years, so use an instant before ${INSTANT_RANGE.before.slice(0, 10)}`,
    }
  }
  if (date.getTime() < Date.parse(INSTANT_RANGE.from)) {
    return {
      ok: false,
      message: `out of range: before ${INSTANT_RANGE.from.slice(0, 10)} zones kept local mean time, which an RFC 3339 offset cannot write, so use an instant from ${INSTANT_RANGE.from}`,
    }
  }
  return { ok: true, date }
}

/** `--at`, `--from`, `--to`: an instant as {@link parseInstant} reads it; a refusal is a usage error. */
export function instantOption(value: string): Date {
  const parsed = parseInstant(value)
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message)
  return parsed.date
}

/** Collects a repeatable agent-name option (`--agent coach --agent retro`): each must be a slug. */
export function agentOption(value: string, previous: readonly string[] = []): string[] {
  return [...new Set([...previous, ...agentList(value)])]
}
