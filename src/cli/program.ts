/**
 * The command-line program: the only place that knows about argv, exit codes and
 * colours. Commands write through `CliIo` and report their exit code; `runProgram`
 * (run.ts) turns errors into exit codes, the same way for the dev commands.
 */
import { Command } from 'commander'
import packageJson from '../../package.json' with { type: 'json' }
import { escapeControl } from '../diagnostics/safe-text.ts'
import { EXIT, UsageError } from './exit-codes.ts'
import { helpFooter } from './help-text.ts'
import type { CliIo } from './io.ts'
import { runProgram, wireOutput } from './run.ts'

/** Registers the sub-commands of one group (`schedule`, `metrics`) on it. */
export type CommandRegistrar = (group: Command, io: CliIo, done: (code: number) => void) => void

/**
 * Every sub-command, by group and in help order, loaded on demand: a run imports only the
 * command it runs (and its modules), so `--version` and `--help` load commander alone
 * and `validate` never loads the bundle pipeline or the NATS client. Adding a command =
 * one module + one line here.
 */
const SCHEDULE_COMMANDS = {
  init: async () => (await import('./commands/init.ts')).registerInit,
  validate: async () => (await import('./commands/validate.ts')).registerValidate,
  list: async () => (await import('./commands/list.ts')).registerList,
  prepare: async () => (await import('./commands/prepare.ts')).registerPrepare,
  discover: async () => (await import('./commands/discover.ts')).registerDiscover,
} as const satisfies Record<string, () => Promise<CommandRegistrar>>

/** `metrics record` and `metrics show` live in one module. */
const loadMetrics = async (): Promise<CommandRegistrar> => (await import('./commands/metrics.ts')).registerMetrics

type ScheduleCommand = keyof typeof SCHEDULE_COMMANDS

/** What a run on `argv` needs loaded: which `schedule` sub-commands, and whether the `metrics` ones. */
export interface CommandsNeeded {
  readonly schedule: readonly ScheduleCommand[]
  readonly metrics: boolean
}

const isScheduleCommand = (name: string | undefined): name is ScheduleCommand =>
  name !== undefined && Object.hasOwn(SCHEDULE_COMMANDS, name)

/**
 * The sub-commands a run on `argv` needs: the one it names (`schedule validate …`), none
 * when it never reaches a group (`--version`, `--help`), and all of a group otherwise
 * (`schedule --help` lists them; an unknown name gets a suggestion).
 */
export function commandsFor(argv: readonly string[]): CommandsNeeded {
  const all = Object.keys(SCHEDULE_COMMANDS) as ScheduleCommand[]
  const [first, second] = argv
  if (first === 'schedule') return { schedule: isScheduleCommand(second) ? [second] : all, metrics: false }
  if (first === 'metrics') return { schedule: [], metrics: true }
  // `completion` builds the full tree itself, only when it runs.
  if (first === 'completion') return { schedule: [], metrics: false }
  if (first === undefined || first === '-V' || first === '--version' || first === '-h' || first === '--help')
    return { schedule: [], metrics: false }
  return { schedule: all, metrics: true }
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
    // Taken out of argv before parsing (globalFlags), so they work after any command; listed here for --help.
    .option('--no-color', 'no colours (as NO_COLOR=1)')
    .option('-q, --quiet', 'print only errors on stderr: no warnings, notices or summaries')
    .option('--verbose', 'say on stderr which manifest/target was used (verbose: …); the stack of an unexpected error')
  program
    .command('completion')
    .description('Print the shell completion script: bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      helpFooter(
        [
          'source <(kaizen-agentic completion bash)      # in ~/.bashrc',
          'source <(kaizen-agentic completion zsh)       # in ~/.zshrc',
          'kaizen-agentic completion fish > ~/.config/fish/completions/kaizen-agentic.fish',
        ],
        'An unknown shell is a usage error (2).',
      ),
    )
    .action(async (shell: string) => {
      const { completionScript, SHELLS } = await import('./completion.ts')
      if (!(SHELLS as readonly string[]).includes(shell))
        throw new UsageError(`unknown shell '${shell}': expected one of ${SHELLS.join(', ')}`)
      const full = await buildProgram(io, () => {})
      io.stdout.write(completionScript(full, shell as (typeof SHELLS)[number]))
      done(EXIT.ok)
    })
  program.addHelpText(
    'after',
    helpFooter([
      'kaizen-agentic schedule init',
      'kaizen-agentic schedule validate',
      'kaizen-agentic schedule prepare coach --format json',
      'kaizen-agentic metrics show coach',
    ]),
  )
  const schedule = program
    .command('schedule')
    .description('Scheduled agent execution (.kaizen/schedule.yml)')
    .addHelpText(
      'after',
      helpFooter([
        'kaizen-agentic schedule validate --format github',
        'kaizen-agentic schedule list --format json',
        'kaizen-agentic schedule discover --roster roster.json',
      ]),
    )
  const metrics = program
    .command('metrics')
    .description('Agent execution records (.kaizen/metrics/<agent>.jsonl)')
    .addHelpText(
      'after',
      helpFooter(['kaizen-agentic metrics record coach --success --time 312', 'kaizen-agentic metrics show coach']),
    )
  const needed: CommandsNeeded =
    argv === undefined
      ? { schedule: Object.keys(SCHEDULE_COMMANDS) as ScheduleCommand[], metrics: true }
      : commandsFor(argv)
  const registrars = await Promise.all(needed.schedule.map((name) => SCHEDULE_COMMANDS[name]()))
  for (const register of registrars) register(schedule, io, done)
  if (needed.metrics) (await loadMetrics())(metrics, io, done)
  return wireOutput(program, io)
}

/**
 * The global flags, taken out of `argv` (up to a `--`) wherever they stand, applied to `io`:
 * `--no-color` sets NO_COLOR, which every colour decision reads; `--quiet` drops the
 * stderr lines that are not errors (warnings `warning:`/`!`, notices, summaries `✓`);
 * `--verbose` sets `io.verbose`. `--quiet` with `--verbose` is a usage error (`conflict`).
 */
export function globalFlags(argv: readonly string[], io: CliIo): { argv: string[]; io: CliIo; conflict?: string } {
  const end = argv.indexOf('--')
  const head = end === -1 ? argv : argv.slice(0, end)
  const tail = end === -1 ? [] : argv.slice(end)
  const noColor = head.includes('--no-color')
  const quiet = head.includes('--quiet') || head.includes('-q')
  const verbose = head.includes('--verbose')
  const global = new Set(['--no-color', '--quiet', '-q', '--verbose'])
  const rest = [...head.filter((a) => !global.has(a)), ...tail]
  if (quiet && verbose) return { argv: rest, io, conflict: '--quiet and --verbose cannot be used together' }
  let wired: CliIo = noColor ? { ...io, env: { ...io.env, NO_COLOR: '1' } } : io
  if (quiet) wired = { ...wired, stderr: quietStream(wired.stderr) }
  if (verbose) wired = { ...wired, verbose: true }
  return { argv: rest, io: wired }
}

/** A stderr that keeps only error lines (anything but a warning, a notice or a ✓ summary). */
function quietStream(stderr: CliIo['stderr']): CliIo['stderr'] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are stripped before the test
  const plain = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, '')
  const chatty = (line: string) => /^(warning:|! |✓ |\r)/.test(plain(line))
  return {
    write: (chunk: string) => {
      const kept = chunk
        .split(/(?<=\n)/)
        .filter((line) => !chatty(line))
        .join('')
      return kept === '' ? true : stderr.write(kept)
    },
  }
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export const runCli = (argv: readonly string[], io: CliIo): Promise<number> => {
  const global = globalFlags(argv, io)
  if (global.conflict !== undefined) {
    io.stderr.write(`error: ${escapeControl(global.conflict)}\n(add --help for usage)\n`)
    return Promise.resolve(EXIT.usage)
  }
  return runProgram(buildProgram, global.argv, global.io)
}
