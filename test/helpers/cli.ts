/**
 * The one way tests run commands: in process through `runCli` / `runDevCli` with a
 * capturing `CliIo`, or as a real subprocess (`tsx scripts/<name>.ts`, or node on a
 * built file). Subprocesses are asynchronous, so a fake hub or NATS client in the test
 * process keeps answering while the child runs.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runDevCli } from '../../src/cli/dev/program.ts'
import { runCli } from '../../src/cli/program.ts'
import { type CliRun, type CliRunOptions, runCaptured } from './capture-io.ts'
import { PROJECT_ROOT } from './project.ts'

export type { CliRun, CliRunOptions }

/** Runs `kaizen-agentic …argv` in this process and captures its output. */
export const runCliCaptured = (argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> =>
  runCaptured(runCli, argv, options, PROJECT_ROOT)

/** Runs a dev command (`generate`, `contracts-diff`, `release-contracts`, `local-roster`) in this process. */
export const runDevCaptured = (argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> =>
  runCaptured(runDevCli, argv, options, PROJECT_ROOT)

const TSX_CLI = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

/** Options of a subprocess run: working directory (default: the project root) and extra environment. */
export interface ScriptOptions {
  readonly cwd?: string
  /** The project whose `scripts/` run (default: this one; a temp copy for tests that edit it). */
  readonly project?: string
  readonly env?: Readonly<Record<string, string>>
  /** Written to the child's stdin, then closed (default: no stdin). */
  readonly input?: string
}

/** Environment for subprocesses: no colour forcing and no CI-specific behaviour leaking in. */
const childEnv = (extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv => {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = process.env
  return { ...rest, ...extra }
}

/** Runs `node …args` as a subprocess and resolves with its exit code and output. */
export function runNode(args: readonly string[], options: ScriptOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: childEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    if (options.input !== undefined) child.stdin?.end(options.input)
    let stdout = ''
    let stderr = ''
    if (!child.stdout || !child.stderr) throw new Error('spawn gave no output pipes')
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** Runs `tsx <project>/scripts/<script>.ts …args` (what `npx tsx scripts/…` does). */
export const runScript = (script: string, args: readonly string[], options: ScriptOptions = {}): Promise<CliRun> =>
  runNode([TSX_CLI, join(options.project ?? PROJECT_ROOT, 'scripts', `${script}.ts`), ...args], options)

/** Runs a compiled file (`dist/src/cli/bin.js`) with node. */
export const runNodeScript = (file: string, args: readonly string[], options: ScriptOptions = {}): Promise<CliRun> =>
  runNode([file, ...args], options)

// `node --import tsx`: one process per racer (the tsx CLI would add a parent process).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href
const RACER = join(PROJECT_ROOT, 'test', 'helpers', 'racer.ts')

/**
 * Starts `processes` racers (test/helpers/racer.ts) in `cwd`, waits until every one has
 * loaded the CLI, releases them together, and resolves with each one's `repeat` runs of
 * `kaizen-agentic …argv` (`{i}` in an argument becomes the run's index). `argvOf` gives
 * each racer its own arguments.
 */
export async function runRacers(
  processes: number,
  repeat: number,
  argvOf: (racer: number) => readonly string[],
  cwd: string,
): Promise<CliRun[][]> {
  const racers = Array.from({ length: processes }, (_, racer) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, RACER, String(repeat), ...argvOf(racer)], {
      cwd,
      env: childEnv(),
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.setEncoding('utf8')
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk
        if (out.includes('ready\n')) resolve()
      })
      // A racer that dies while loading would otherwise leave the others waiting for ever.
      child.on('close', (code) => reject(new Error(`racer ${racer} exited ${code} before it was ready: ${out}`)))
    })
    const done = new Promise<CliRun[]>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code) => {
        const result = out.slice(out.indexOf('\n') + 1)
        if (code !== 0 || !result) reject(new Error(`racer ${racer} exited ${code}: ${out}`))
        else resolve(JSON.parse(result) as CliRun[])
      })
    })
    return { child, ready, done }
  })
  await Promise.all(racers.map((r) => r.ready))
  for (const r of racers) r.child.stdin.write('go\n')
  return Promise.all(racers.map((r) => r.done))
}
