/**
 * `prepare` with secret scanning and token counting on, side by side with repomix (its
 * own token count and secretlint security check) on the same files: the example's four
 * text files, and again with a 5 MB memory file. Both run cold, as subprocesses, the
 * way a runner calls them. Goal: prepare at least 2× faster than repomix.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const ROOT = process.cwd()
const EXAMPLE = join(ROOT, 'examples/acme-service')
const COMPILED_CLI = join(ROOT, 'dist/src/cli/bin.js')
const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs')
const REPOMIX = join(ROOT, 'node_modules/repomix/bin/repomix.cjs')
/** The files prepare quotes for the coach (the metrics log is summarised, not quoted). */
const FILES = ['.kaizen/agents/coach.md', '.kaizen/memory/coach.md', 'docs/SCOPE.md', 'TODO.md']
const RUNS = 7

/** One cold command line, as a runner would start it. */
interface Contender {
  readonly command: string
  readonly args: readonly string[]
}

interface Timed {
  readonly ms: number
  readonly stdout: string
}

/**
 * Median wall time of each contender over RUNS interleaved rounds (each round runs every
 * contender once, in turn), so machine load hits all of them alike.
 */
function timeInterleaved<K extends string>(contenders: Readonly<Record<K, Contender>>): Record<K, Timed> {
  const keys = Object.keys(contenders) as K[]
  const times = new Map<K, number[]>(keys.map((key) => [key, []]))
  const stdout = new Map<K, string>()
  for (let round = 0; round < RUNS; round++) {
    for (const key of keys) {
      const { command, args } = contenders[key]
      const start = performance.now()
      const run = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      times.get(key)?.push(performance.now() - start)
      if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr}`)
      stdout.set(key, run.stdout)
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
  return Object.fromEntries(
    keys.map((key) => [key, { ms: median(times.get(key) ?? []), stdout: stdout.get(key) ?? '' }]),
  ) as Record<K, Timed>
}

const ms = (value: number): string => `${value.toFixed(0).padStart(7)} ms`

/** prepare (compiled CLI, else tsx), JSON out; secret scanning is always on, token counting when asked. */
function ours(root: string, countTokens: boolean): Contender {
  const args = ['schedule', 'prepare', 'coach', '--target', root, '--format', 'json']
  if (countTokens) args.push('--tokenizer', 'o200k_base')
  return existsSync(COMPILED_CLI)
    ? { command: process.execPath, args: [COMPILED_CLI, ...args] }
    : { command: process.execPath, args: [TSX_CLI, join(ROOT, 'scripts/prepare.ts'), ...args.slice(2)] }
}

/** repomix on the same files: markdown style, o200k_base token count, security check on (its default). */
function repomix(root: string, out: string): Contender {
  return {
    command: process.execPath,
    args: [
      REPOMIX,
      root,
      '--include',
      FILES.join(','),
      '-o',
      out,
      '--style',
      'markdown',
      '--token-count-encoding',
      'o200k_base',
      '--no-git-sort-by-changes',
    ],
  }
}

/**
 * The cost of loading o200k_base alone, cold, both ways the counter's worker can: from the
 * library's module, and from the rank-table cache `npm run build` writes (what
 * `--max-tokens` / `--tokenizer` adds, before the overlap with the rest of prepare).
 */
function tokenizerLoad(): { library: number; cache: number } {
  const library =
    "const t=performance.now();await import('gpt-tokenizer/encoding/o200k_base');console.log(performance.now()-t)"
  const cache = [
    "import { startTokenCounter } from './src/bundle/tokenizer.ts'",
    'const t=performance.now();const c=startTokenCounter();c.count("x")',
    "if(c.source()!=='cache')throw new Error('no rank-table cache: npm run build')",
    'console.log(performance.now()-t)',
  ].join(';')
  const median = (args: readonly string[]): number => {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })
      if (run.status !== 0) throw new Error(run.stderr)
      times.push(Number(run.stdout.trim()))
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)] ?? Number.NaN
  }
  return {
    library: median(['--input-type=module', '-e', library]),
    cache: median(['--import', 'tsx', '--input-type=module', '-e', cache]),
  }
}

/** Prints prepare against repomix. */
export async function runRepomixBench(): Promise<void> {
  console.log(
    `\nprepare (secret scan + o200k_base tokens) vs repomix (security check + o200k_base tokens), cold, median of ${RUNS} interleaved rounds`,
  )
  if (!existsSync(REPOMIX)) {
    console.log('  skipped: repomix is not installed (npm install)')
    return
  }
  const dir = await mkdtemp(join(tmpdir(), 'kaizen-bench-repomix-'))
  try {
    const big = join(dir, 'big')
    await cp(EXAMPLE, big, { recursive: true })
    await writeFile(
      join(big, '.kaizen/memory/coach.md'),
      '- 2026-06-15: a memory line of a long-lived agent, kept for reference\n'.repeat(73_530),
    )
    for (const [name, root] of [
      ['examples/acme-service (4 files)', EXAMPLE],
      ['with a 5 MB memory file', big],
    ] as const) {
      const timed = timeInterleaved({
        tokens: ours(root, true),
        repomix: repomix(root, join(dir, 'repomix-output.md')),
        scanOnly: ours(root, false),
      })
      const bundle = JSON.parse(timed.tokens.stdout) as { tokens?: number; redactions: number; bytes: number }
      const repomixTokens = /Total Tokens:\s*([\d,]+)/.exec(timed.repomix.stdout)?.[1]?.replaceAll(',', '')
      const how = existsSync(COMPILED_CLI) ? 'node dist/src/cli/bin.js' : 'tsx scripts/prepare.ts'
      console.log(`  ${name}`)
      console.log(
        `    prepare, ${how.padEnd(24)} ${ms(timed.tokens.ms)}   ${String(bundle.tokens).padStart(8)} tokens  ${bundle.bytes} bytes, ${bundle.redactions} redactions`,
      )
      console.log(
        `    repomix ${' '.repeat(25)} ${ms(timed.repomix.ms)}   ${String(repomixTokens).padStart(8)} tokens  (packs every byte; no budget)`,
      )
      const ratio = timed.repomix.ms / timed.tokens.ms
      console.log(
        `    ratio: prepare is ${ratio.toFixed(2)}× faster than repomix   (goal ≥ 2×: ${ratio >= 2 ? 'met' : 'NOT met'})`,
      )
      console.log(
        `    prepare without token counting (scan on) ${ms(timed.scanOnly.ms)}   (${(timed.repomix.ms / timed.scanOnly.ms).toFixed(2)}× faster than repomix; the default)`,
      )
    }
    const load = tokenizerLoad()
    console.log('  loading o200k_base alone (only with --max-tokens / --tokenizer; in a worker, overlapping the reads)')
    console.log(`    from the library's module                ${ms(load.library)}`)
    console.log(
      `    from the build's rank-table cache        ${ms(load.cache)}   (${(load.library / load.cache).toFixed(2)}× faster; worker start included)`,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
