/**
 * `prepare` on the example repo: in process, and with a 5 MB memory file against the
 * default budget. Ratios are against the in-process run measured here; the cold starts
 * are in startup.ts.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { DEFAULT_MAX_BYTES } from '../src/bundle/bundle-options.ts'
import { prepareBundle } from '../src/bundle/prepare.ts'

const ROOT = process.cwd()
const EXAMPLE = join(ROOT, 'examples/acme-service')

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function timeInProcess(runs: number, task: () => Promise<unknown>): Promise<number> {
  await task() // warm-up: module loading and schema compilation are not what this measures
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await task()
    times.push(performance.now() - start)
  }
  return median(times)
}

const ms = (value: number): string => `${value.toFixed(1).padStart(8)} ms`
const ratio = (value: number, base: number): string => `${(value / base).toFixed(1)}×`

/** Prints the prepare figures. */
export async function runPrepareBench(): Promise<void> {
  const now = new Date('2026-06-17T09:00:12Z')
  const prepare = (root: string, format: 'markdown' | 'json') => async () => {
    const result = await prepareBundle({ root, agent: 'coach', format, now })
    if (!result.ok) throw new Error(JSON.stringify(result.failure))
    return result
  }
  const markdown = await timeInProcess(30, prepare(EXAMPLE, 'markdown'))
  const json = await timeInProcess(30, prepare(EXAMPLE, 'json'))

  const big = await mkdtemp(join(tmpdir(), 'kaizen-bench-'))
  try {
    await cp(EXAMPLE, big, { recursive: true })
    const memoryPath = join(big, '.kaizen/memory/coach.md')
    await writeFile(
      memoryPath,
      '- 2026-06-15: a memory line of a long-lived agent, kept for reference\n'.repeat(73_530),
    )
    const bigMarkdown = await timeInProcess(15, prepare(big, 'markdown'))
    const bigJson = await timeInProcess(15, prepare(big, 'json'))
    const readWhole = await timeInProcess(15, () => readFile(memoryPath, 'utf8'))
    const printed = (await prepare(big, 'json')()).bundle.bytes
    const memoryBytes = (await readFile(memoryPath)).length

    console.log('\nprepare coach on examples/acme-service')
    console.log(`  in process, markdown (median of 30)      ${ms(markdown)}`)
    console.log(`  in process, json (median of 30)          ${ms(json)}   (${ratio(json, markdown)} markdown)`)
    console.log('  (cold starts of prepare, bundled and through tsx: see "cold starts" above)')
    console.log(`with a ${(memoryBytes / 1e6).toFixed(1)} MB memory file, default budget ${DEFAULT_MAX_BYTES} bytes`)
    console.log(
      `  in process, markdown (median of 15)      ${ms(bigMarkdown)}   (${ratio(bigMarkdown, markdown)} the small repo)`,
    )
    console.log(`  in process, json (median of 15)          ${ms(bigJson)}   (${ratio(bigJson, json)} the small repo)`)
    console.log(`  peer: reading the memory file whole      ${ms(readWhole)}   (prepare reads only the budget's worth)`)
    console.log(
      `  printed json bundle                      ${String(printed).padStart(8)} bytes (budget ${DEFAULT_MAX_BYTES})`,
    )
  } finally {
    await rm(big, { recursive: true, force: true })
  }
}
