/** Option parsers shared by commands; they throw commander's InvalidArgumentError so usage errors exit 2. */
import { resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'

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
