/** Shared body of the thin `scripts/<command>.ts` entry points. */
import { devMain, main } from './main.ts'

/** Runs `kaizen-agentic schedule <command>` with this process's arguments and exits. */
export const runScheduleScript = (command: string): Promise<never> =>
  main(['schedule', command, ...process.argv.slice(2)])

/** Runs `kaizen-agentic metrics <command>` with this process's arguments and exits. */
export const runMetricsScript = (command: string): Promise<never> =>
  main(['metrics', command, ...process.argv.slice(2)])

/** Runs the dev command `<command>` (generate, contracts-diff, …) with this process's arguments and exits. */
export const runDevScript = (command: string): Promise<never> => devMain([command, ...process.argv.slice(2)])
