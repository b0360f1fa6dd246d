/** The process edge of the CLI: the one place that calls process.exit. */
import { processIo } from './io.ts'
import { runCli } from './program.ts'

/** Runs the CLI with these arguments and exits the process with its code. */
export async function main(argv: readonly string[]): Promise<never> {
  process.exit(await runCli(argv, processIo()))
}

/** Runs a dev command (`generate`, `contracts-diff`, …) and exits; the generator loads only here, never for `schedule`. */
export async function devMain(argv: readonly string[]): Promise<never> {
  const { runDevCli } = await import('./dev/program.ts')
  process.exit(await runDevCli(argv, processIo()))
}
