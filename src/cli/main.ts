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

/** Resolves once everything written to `stream` so far has been flushed, or has failed. */
const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => {
    if (stream.destroyed) resolve()
    else stream.write('', () => resolve())
  })

/** Runs `run` with these arguments and exits the process with its code. */
export async function exitWith(run: Runner, argv: readonly string[]): Promise<never> {
  let writeError: NodeJS.ErrnoException | undefined
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    writeError ??= error
  })
  const io = processIo()
  const code = await run(argv, io)
  // Everything written must be out before the exit: a pipe takes 64 KiB and the rest is
  // written as the reader drains it, so exiting at once cut `discover | jq` and a large
  // bundle short. A write's callback runs once the writes before it are flushed (or failed:
  // a full disk, a reader that went away), which is also when a write error has been seen.
  await flushed(process.stdout)
  if (writeError !== undefined && writeError.code !== 'EPIPE') {
    messageLine(io, 'error', `cannot write the output: ${writeError.code ?? writeError.message}`)
  }
  process.exit(outputExitCode(code, writeError))
}

/** Runs the CLI with these arguments and exits the process with its code. */
export const main = (argv: readonly string[]): Promise<never> => exitWith(runCli, argv)
