/** Shared body of the thin `scripts/<command>.ts` entry points. */
import { exitWith, main } from './main.ts'

/** Runs `kaizen-agentic schedule <command>` with this process's arguments and exits. */
export const runScheduleScript = (command: string): Promise<never> =>
  main(['schedule', command, ...process.argv.slice(2)])

/** Runs `kaizen-agentic metrics <command>` with this process's arguments and exits. */
export const runMetricsScript = (command: string): Promise<never> =>
  main(['metrics', command, ...process.argv.slice(2)])

/**
 * Runs the dev command `<command>` (generate, contracts-diff, …) with this process's arguments
 * and exits. The dev program (the generator, TypeBox) loads only here, never for the operator CLI.
 */
export async function runDevScript(command: string): Promise<never> {
  const { runDevCli } = await import('./dev/program.ts')
  return exitWith(runDevCli, [command, ...process.argv.slice(2)])
}
