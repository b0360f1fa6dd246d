/** Running the CLI in tests: in process through `runCli` with a capturing `CliIo`, or as a real subprocess. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { runDevCli } from '../../src/cli/dev/program.ts'
import type { CliIo } from '../../src/cli/io.ts'
import { runCli } from '../../src/cli/program.ts'
import { PROJECT_ROOT } from './project.ts'

/** What one CLI run produced. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Options of an in-process run: working directory, environment, whether the streams are terminals. */
export interface CliRunOptions {
  readonly cwd?: string
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly tty?: boolean
}

/** Runs `kaizen-agentic …argv` in this process and captures its output. */
export const runCliCaptured = (argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> =>
  runCaptured(runCli, argv, options)

/** Runs a dev command (`generate`, `contracts-diff`, `release-contracts`, `local-roster`) in this process. */
export const runDevCaptured = (argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> =>
  runCaptured(runDevCli, argv, options)

async function runCaptured(
  run: (argv: readonly string[], io: CliIo) => Promise<number>,
  argv: readonly string[],
  options: CliRunOptions,
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? {},
    cwd: options.cwd ?? PROJECT_ROOT,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
  }
  const code = await run(argv, io)
  return { code, stdout, stderr }
}

const TSX_CLI = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

/** Environment for subprocesses: no colour forcing and no CI-specific behaviour leaking in. */
const childEnv = (extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv => {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = process.env
  return { ...rest, ...extra }
}

/** Runs `tsx scripts/<script>.ts …args` as a subprocess (what `npx tsx scripts/…` does). */
export function runScript(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliRun {
  const run = spawnSync(process.execPath, [TSX_CLI, join(PROJECT_ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: childEnv(options.env),
    encoding: 'utf8',
  })
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr }
}

/** Runs a compiled `bin.js` with node as a subprocess. */
export function runNodeScript(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliRun {
  const run = spawnSync(process.execPath, [file, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: childEnv(options.env),
    encoding: 'utf8',
  })
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr }
}
