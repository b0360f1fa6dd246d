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
const RUNS = 5

interface Timed {
  readonly ms: number
  readonly stdout: string
}

function timeCold(command: string, args: readonly string[]): Timed {
  const times: number[] = []
  let stdout = ''
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    const run = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    times.push(performance.now() - start)
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr}`)
    stdout = run.stdout
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(times.length / 2)] ?? Number.NaN, stdout }
}

const ms = (value: number): string => `${value.toFixed(0).padStart(7)} ms`

/** prepare (compiled CLI, else tsx) with token counting on; secret scanning is always on. */
function ours(
  root: string,
  countTokens = true,
): { ms: number; tokens?: number; redactions: number; bytes: number; how: string } {
  const args = ['schedule', 'prepare', 'coach', '--target', root, '--format', 'json']
  if (countTokens) args.push('--tokenizer', 'o200k_base')
  const compiled = existsSync(COMPILED_CLI)
  const timed = compiled
    ? timeCold(process.execPath, [COMPILED_CLI, ...args])
    : timeCold(process.execPath, [TSX_CLI, join(ROOT, 'scripts/prepare.ts'), ...args.slice(2)])
  const bundle = JSON.parse(timed.stdout) as { tokens?: number; redactions: number; bytes: number }
  return { ms: timed.ms, ...bundle, how: compiled ? 'node dist/src/cli/bin.js' : 'tsx scripts/prepare.ts' }
}

/** repomix on the same files: markdown style, o200k_base token count, security check on (its default). */
function repomix(root: string, out: string): { ms: number; tokens: number } {
  const args = [REPOMIX, root, '--include', FILES.join(','), '-o', out, '--style', 'markdown']
  const timed = timeCold(process.execPath, [
    ...args,
    '--token-count-encoding',
    'o200k_base',
    '--no-git-sort-by-changes',
  ])
  const tokens = Number(/Total Tokens:\s*([\d,]+)/.exec(timed.stdout)?.[1]?.replaceAll(',', '') ?? Number.NaN)
  return { ms: timed.ms, tokens }
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
    '\nprepare (secret scan + o200k_base tokens) vs repomix (security check + o200k_base tokens), cold, median of 5',
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
      const a = ours(root)
      const b = repomix(root, join(dir, 'repomix-output.md'))
      const scanOnly = ours(root, false)
      console.log(`  ${name}`)
      console.log(
        `    prepare, ${a.how.padEnd(24)} ${ms(a.ms)}   ${String(a.tokens).padStart(8)} tokens  ${a.bytes} bytes, ${a.redactions} redactions`,
      )
      console.log(
        `    repomix ${' '.repeat(25)} ${ms(b.ms)}   ${String(b.tokens).padStart(8)} tokens  (packs every byte; no budget)`,
      )
      console.log(`    ratio: prepare is ${(b.ms / a.ms).toFixed(2)}× faster than repomix   (goal ≥ 2×)`)
      console.log(
        `    prepare without token counting (scan on) ${ms(scanOnly.ms)}   (${(b.ms / scanOnly.ms).toFixed(2)}× faster than repomix; the default)`,
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
