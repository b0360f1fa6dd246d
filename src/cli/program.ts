/**
 * The command-line program: the only place that knows about argv, exit codes and
 * colours. Commands write through `CliIo` and report their exit code; `runCli`
 * turns commander's usage errors into exit 2 and unexpected errors into exit 1
 * with a one-line message (no stack trace unless KAIZEN_DEBUG is set).
 */
import { Command, CommanderError } from 'commander'
import packageJson from '../../package.json' with { type: 'json' }
import { EXIT, UsageError } from './exit-codes.ts'
import type { CliIo } from './io.ts'

/** Registers one `schedule` sub-command. */
export type CommandRegistrar = (schedule: Command, io: CliIo, done: (code: number) => void) => void

/**
 * Every `schedule` sub-command, in help order, loaded on demand: a run imports only the
 * command it runs (and its modules), so `--version` and `--help` load commander alone
 * and `validate` never loads the bundle pipeline or the NATS client. Adding a command =
 * one module + one line here.
 */
const COMMANDS = {
  init: async () => (await import('./commands/init.ts')).registerInit,
  validate: async () => (await import('./commands/validate.ts')).registerValidate,
  list: async () => (await import('./commands/list.ts')).registerList,
  prepare: async () => (await import('./commands/prepare.ts')).registerPrepare,
  discover: async () => (await import('./commands/discover.ts')).registerDiscover,
} as const satisfies Record<string, () => Promise<CommandRegistrar>>

type CommandName = keyof typeof COMMANDS

const isCommandName = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.hasOwn(COMMANDS, name)

/**
 * The sub-commands a run on `argv` needs: the one it names (`schedule validate …`), none
 * when it never reaches the `schedule` group (`--version`, `--help`), and all of them
 * otherwise (`schedule --help` lists them; an unknown name gets a suggestion).
 */
export function commandsFor(argv: readonly string[]): readonly CommandName[] {
  const all = Object.keys(COMMANDS) as CommandName[]
  const [first, second] = argv
  if (first === 'schedule') return isCommandName(second) ? [second] : all
  if (first === undefined || first === '-V' || first === '--version' || first === '-h' || first === '--help') return []
  return all
}

/** Builds the `kaizen-agentic` program writing to `io`, with the sub-commands `argv` needs (default: all). */
export async function buildProgram(
  io: CliIo,
  done: (code: number) => void,
  argv?: readonly string[],
): Promise<Command> {
  const program = new Command('kaizen-agentic')
    .description('Schedule kaizen agents: validate manifests, list and prepare runs, discover the roster')
    .version(packageJson.version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
  const schedule = program.command('schedule').description('Scheduled agent execution (.kaizen/schedule.yml)')
  const names = argv === undefined ? (Object.keys(COMMANDS) as CommandName[]) : commandsFor(argv)
  const registrars = await Promise.all(names.map((name) => COMMANDS[name]()))
  for (const register of registrars) register(schedule, io, done)
  for (const command of [program, schedule, ...schedule.commands]) {
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
  const program = await buildProgram(
    io,
    (c) => {
      code = c
    },
    argv,
  )
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n`)
      return EXIT.usage
    }
    io.stderr.write(`error: ${(error as Error).message ?? String(error)}\n`)
    if (io.env.KAIZEN_DEBUG) io.stderr.write(`${(error as Error).stack ?? ''}\n`)
    return EXIT.invalid
  }
}
