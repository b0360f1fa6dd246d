/**
 * The command-line program: the only place that knows about argv, exit codes and
 * colours. Commands write through `CliIo` and report their exit code; `runCli`
 * turns commander's usage errors into exit 2 and unexpected errors into exit 1
 * with a one-line message (no stack trace unless KAIZEN_DEBUG is set).
 */
import { Command, CommanderError } from 'commander'
import packageJson from '../../package.json' with { type: 'json' }
import { escapeControl } from '../diagnostics/safe-text.ts'
import { registerDiscover } from './commands/discover.ts'
import { registerInit } from './commands/init.ts'
import { registerList } from './commands/list.ts'
import { registerMetrics } from './commands/metrics.ts'
import { registerPrepare } from './commands/prepare.ts'
import { registerValidate } from './commands/validate.ts'
import { EXIT, UsageError } from './exit-codes.ts'
import type { CliIo } from './io.ts'

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
  const metrics = registerMetrics(program, io, done)
  for (const command of [program, schedule, ...schedule.commands, metrics, ...metrics.commands]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
  }
  return program
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok
  const program = buildProgram(io, (c) => {
    code = c
  })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${escapeControl(error.message)}\n`)
      return EXIT.usage
    }
    io.stderr.write(`error: ${escapeControl((error as Error).message ?? String(error))}\n`)
    if (io.env.KAIZEN_DEBUG) io.stderr.write(`${(error as Error).stack ?? ''}\n`)
    return EXIT.invalid
  }
}
