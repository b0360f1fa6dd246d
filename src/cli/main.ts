/** The process edge of the CLI: the one place that calls process.exit. */
import { type CliIo, processIo } from './io.ts'
import { runCli } from './program.ts'

/** A program runner: argv (without node and script) and the process streams → exit code. */
export type Runner = (argv: readonly string[], io: CliIo) => Promise<number>

/** Runs `run` with these arguments and exits the process with its code. */
export async function exitWith(run: Runner, argv: readonly string[]): Promise<never> {
  process.exit(await run(argv, processIo()))
}

/** Runs the CLI with these arguments and exits the process with its code. */
export const main = (argv: readonly string[]): Promise<never> => exitWith(runCli, argv)
