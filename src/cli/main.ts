/** The process edge of the CLI: the one place that calls process.exit. */
import { EXIT } from './exit-codes.ts'
import { type CliIo, messageLine, processIo } from './io.ts'
import { runCli } from './program.ts'

/** A program runner: argv (without node and script) and the process streams → exit code. */
export type Runner = (argv: readonly string[], io: CliIo) => Promise<number>

/**
 * The exit code once the output's fate is known: a run whose output could not be written
 * (a full disk, a closed file) failed, whatever it computed, as coreutils' `write error`
 * has it — `discover > runs.json` on a full disk must not report success with a truncated
 * file. A reader that went away (EPIPE: `… | head -1`) took what it wanted: no error.
 */
export function outputExitCode(code: number, writeError: NodeJS.ErrnoException | undefined): number {
  if (writeError === undefined || writeError.code === 'EPIPE') return code
  return code === EXIT.ok ? EXIT.invalid : code
}

/** Runs `run` with these arguments and exits the process with its code. */
export async function exitWith(run: Runner, argv: readonly string[]): Promise<never> {
  let writeError: NodeJS.ErrnoException | undefined
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    writeError ??= error
  })
  const io = processIo()
  const code = await run(argv, io)
  // A failed write to a file or device is reported a tick after the write returned.
  await new Promise((resolve) => setImmediate(resolve))
  if (writeError !== undefined && writeError.code !== 'EPIPE') {
    messageLine(io, 'error', `cannot write the output: ${writeError.code ?? writeError.message}`)
  }
  process.exit(outputExitCode(code, writeError))
}

/** Runs the CLI with these arguments and exits the process with its code. */
export const main = (argv: readonly string[]): Promise<never> => exitWith(runCli, argv)
