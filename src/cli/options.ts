/** Option parsers shared by commands; they throw commander's InvalidArgumentError so usage errors exit 2. */
import { resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { RUN_ID_PATTERN, SLUG_PATTERN, TIMESTAMP_PATTERN } from '../../contracts/constants.ts'

/** Parses `--format` against the allowed values. */
export const formatOption =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`)
    }
    return value as T
  }

/** Parses a positive integer option. */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive integer')
  return n
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

/**
 * Parses an RFC 3339 instant with a zone (`--at`, `--from`, `--to`). A time without `Z`
 * or an offset is refused rather than read in the machine's local zone, which would
 * make the same command mean different instants on different hosts.
 */
export function instantOption(value: string): Date {
  const date = new Date(value)
  if (!new RegExp(TIMESTAMP_PATTERN, 'u').test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(
      'expected an RFC 3339 timestamp with a zone (Z or an offset), such as 2027-01-04T08:00:00Z or 2027-01-04T09:00:00+01:00',
    )
  }
  return date
}

/** Collects a repeatable agent-name option (`--agent coach --agent retro`): each must be a slug. */
export function agentOption(value: string, previous: readonly string[] = []): string[] {
  return [...new Set([...previous, ...agentList(value)])]
}
