/**
 * `metrics record`'s append (`src/fs/append-line.ts`): appends per second for one writer
 * (in process, against a bare `fs.appendFile` of the same lines, i.e. the cost of the
 * containment checks), and for 8 writer processes appending to one file at once — after
 * which every line must be whole (the O_APPEND one-write claim, measured).
 */
import { spawn } from 'node:child_process'
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { appendLine } from '../src/fs/append-line.ts'

const FILE = '.kaizen/metrics/coach.jsonl'
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli')
const WRITERS = 8
const PER_WRITER = 500
const SINGLE = 2000
/**
 * Goals: a session closes once per agent run, so 100 appends a second is a hundred sessions
 * closing in the same second on one repo — far beyond any schedule; the figures show the headroom.
 */
const GOAL_SINGLE = 100
const GOAL_CONCURRENT = 100

const line = (i: number): string =>
  JSON.stringify({ agent: 'coach', success: true, time_s: i, recorded_at: '2027-01-04T08:41:07.250Z' })

async function singleWriter(root: string): Promise<{ contained: number; bare: number }> {
  await appendLine(root, FILE, line(-1)) // warm-up: directories created, modules loaded
  let start = performance.now()
  for (let i = 0; i < SINGLE; i++) {
    const outcome = await appendLine(root, FILE, line(i))
    if (!outcome.ok) throw new Error(outcome.reason)
  }
  const contained = SINGLE / ((performance.now() - start) / 1000)
  const bareFile = join(root, 'bare.jsonl')
  start = performance.now()
  for (let i = 0; i < SINGLE; i++) await appendFile(bareFile, `${line(i)}\n`)
  const bare = SINGLE / ((performance.now() - start) / 1000)
  return { contained, bare }
}

/** Starts a writer and resolves once it is ready, with a promise of its elapsed time. */
function startWriter(root: string, writer: number): Promise<{ go: () => void; done: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [TSX_CLI, 'bench/append-worker.ts', root, String(PER_WRITER), String(writer)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    )
    let out = ''
    let resolveDone: (ms: number) => void = () => {}
    const done = new Promise<number>((r) => {
      resolveDone = r
    })
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (out === 'ready\n') resolve({ go: () => child.stdin.write('go\n'), done })
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`writer ${writer} exited ${code}`))
      resolveDone(Number(out.split('\n')[1]))
    })
  })
}

async function concurrentWriters(root: string): Promise<{ perSecond: number; lines: number; torn: number }> {
  const writers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => startWriter(root, i)))
  const start = performance.now()
  for (const w of writers) w.go()
  await Promise.all(writers.map((w) => w.done))
  const wall = performance.now() - start
  const lines = (await readFile(join(root, FILE), 'utf8')).split('\n').filter((l) => l !== '')
  const torn = lines.filter((l) => {
    try {
      JSON.parse(l)
      return false
    } catch {
      return true
    }
  }).length
  return { perSecond: (WRITERS * PER_WRITER) / (wall / 1000), lines: lines.length, torn }
}

/** Prints the metrics append figures. */
export async function runMetricsBench(): Promise<void> {
  const one = await mkdtemp(join(tmpdir(), 'kaizen-bench-metrics-'))
  const many = await mkdtemp(join(tmpdir(), 'kaizen-bench-metrics-'))
  try {
    const single = await singleWriter(one)
    await mkdir(join(many, '.kaizen/metrics'), { recursive: true })
    const concurrent = await concurrentWriters(many)
    const rate = (n: number) => `${Math.round(n).toString().padStart(7)} appends/s`
    console.log('metrics record: appends to .kaizen/metrics/<agent>.jsonl (O_APPEND, one write per line)')
    console.log(
      `  1 writer, contained   ${rate(single.contained)}   (goal ≥ ${GOAL_SINGLE}; ${(single.contained / single.bare).toFixed(2)}× a bare fs.appendFile, ${rate(single.bare)})`,
    )
    console.log(
      `  ${WRITERS} writer processes    ${rate(concurrent.perSecond)}   (goal ≥ ${GOAL_CONCURRENT}; ${(concurrent.perSecond / single.contained).toFixed(2)}× one writer)`,
    )
    console.log(
      `  lines after ${WRITERS}×${PER_WRITER}     ${concurrent.lines} whole of ${WRITERS * PER_WRITER}, ${concurrent.torn} torn   (goal: all whole, none torn)`,
    )
  } finally {
    await rm(one, { recursive: true, force: true })
    await rm(many, { recursive: true, force: true })
  }
}
