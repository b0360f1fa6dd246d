/** The exit codes every command uses (as ajv-cli: 0 valid, 1 invalid, 2 usage). */
export const EXIT = {
  /** Success: the input was valid and the job done. */
  ok: 0,
  /** Invalid input, or something named was not found. */
  invalid: 1,
  /** The command line itself was wrong. */
  usage: 2,
} as const

/** One of the exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A command-line mistake found after parsing (bad option value, conflicting options). */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
