/**
 * The command-line program: the only place that knows about argv, exit codes and
 * colours. Commands write through `CliIo` and report their exit code; `runProgram`
 * (run.ts) turns errors into exit codes, the same way for the dev commands.
 */
import { Command } from 'commander'
import packageJson from '../../package.json' with { type: 'json' }
import { registerDiscover } from './commands/discover.ts'
import { registerInit } from './commands/init.ts'
import { registerList } from './commands/list.ts'
import { registerMetrics } from './commands/metrics.ts'
import { registerPrepare } from './commands/prepare.ts'
import { registerValidate } from './commands/validate.ts'
import type { CliIo } from './io.ts'
import { runProgram, wireOutput } from './run.ts'

/** Registers one `schedule` sub-command. */
export type CommandRegistrar = (schedule: Command, io: CliIo, done: (code: number) => void) => void

/** Every `schedule` sub-command, in help order. Adding a command = one module + one line here. */
const COMMANDS: readonly CommandRegistrar[] = [
  registerInit,
  registerValidate,
  registerList,
  registerPrepare,
  registerDiscover,
]

/** Builds the `kaizen-agentic` program writing to `io`. */
export function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('kaizen-agentic')
    .description('Schedule kaizen agents: validate manifests, list and prepare runs, discover the roster')
    .version(packageJson.version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
  const schedule = program.command('schedule').description('Scheduled agent execution (.kaizen/schedule.yml)')
  for (const register of COMMANDS) register(schedule, io, done)
  registerMetrics(program, io, done)
  return wireOutput(program, io)
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export const runCli = (argv: readonly string[], io: CliIo): Promise<number> => runProgram(buildProgram, argv, io)
