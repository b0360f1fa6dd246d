/**
 * Discover at scale: synthetic rosters of 1,000 and 10,000 on-disk repos (a mix of
 * opted-in, invalid, not opted in and missing checkouts), generated into a temp dir
 * and removed after. Prints repos/s and the ratio to the filesystem floor: a plain
 * loop that only stats each checkout and reads its manifest (no parsing, no rules),
 * with Node's promise API. The same loop run concurrently and run with synchronous
 * calls (the system-call floor), discover forced to examine every repo asynchronously
 * (its fallback once a device is slow), and manifest parsing alone are printed too, so
 * where the time goes can be read off the figures. The machine is shared: the load
 * average is printed, and the ratios to the floors are the figures that hold under load.
 */
import { readFileSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Roster } from '../contracts/roster.ts'
import type { ScheduledRuns } from '../contracts/scheduled-runs.ts'
import { DEFAULT_CONCURRENCY, type DiscoverOptions, discoverScheduledRuns } from '../src/discover/discover.ts'
import { mapBounded } from '../src/discover/pool.ts'
import { checkRoster } from '../src/discover/roster.ts'
import { parseManifest } from '../src/manifest/parse.ts'

const HOST = 'bench-host'

/** The issue-10 goal: discover over 10,000 on-disk repos, in process. */
const DISCOVER_10K_GOAL_MS = 1500

const VALID = `version: 1
timezone: Europe/Berlin
agents:
  coach:
    cadence: weekly
    day: mon
    time: "09:00"
  optimization:
    cadence: weekly
  retired:
    cadence: monthly
    enabled: false
pointers:
  scope: docs/SCOPE.md
`
const INVALID = 'version: 1\nagents:\n  coach:\n    cadence: hourly\n'

/** Of every 20 repos: 12 opted in, 1 with an invalid manifest, 5 not opted in, 2 missing on disk. */
function kindOf(i: number): 'valid' | 'invalid' | 'bare' | 'missing' {
  const slot = i % 20
  return slot < 12 ? 'valid' : slot < 13 ? 'invalid' : slot < 18 ? 'bare' : 'missing'
}

async function createRepos(dir: string, count: number): Promise<Roster> {
  const roster: Roster = []
  const batch = 256
  for (let start = 0; start < count; start += batch) {
    const jobs: Promise<void>[] = []
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const root = join(dir, `repo-${String(i).padStart(5, '0')}`)
      roster.push({ slug: `repo-${i}`, host_paths: { [HOST]: root, 'other-host': '/srv/elsewhere' } })
      const kind = kindOf(i)
      if (kind === 'missing') continue
      jobs.push(
        (async () => {
          await mkdir(join(root, '.kaizen'), { recursive: true })
          if (kind === 'valid') await writeFile(join(root, '.kaizen', 'schedule.yml'), VALID)
          if (kind === 'invalid') await writeFile(join(root, '.kaizen', 'schedule.yml'), INVALID)
        })(),
      )
    }
    await Promise.all(jobs)
  }
  return roster
}

/** Stats a checkout and reads its manifest if there is one: the only I/O a resolver cannot avoid. */
async function statAndRead(root: string): Promise<number> {
  try {
    if (!(await stat(root)).isDirectory()) return 0
    return (await readFile(join(root, '.kaizen', 'schedule.yml'))).length
  } catch {
    return 0 // missing checkout or no manifest: the floor skips it too
  }
}

/** The floor as a plain loop over the same async API discover uses. */
async function filesystemFloor(roster: Roster): Promise<number> {
  let bytes = 0
  for (const repo of roster) bytes += await statAndRead(repo.host_paths[HOST] ?? '')
  return bytes
}

/** The same work with discover's concurrency, through the same pool: the async I/O throughput discover builds on. */
async function concurrentFilesystemFloor(roster: Roster): Promise<number> {
  const sizes = await mapBounded(roster, DEFAULT_CONCURRENCY, (repo) => statAndRead(repo.host_paths[HOST] ?? ''))
  return sizes.reduce((a, b) => a + b, 0)
}

/** The same loop with synchronous calls: the system-call floor, with no thread-pool hand-off. */
function syncFilesystemFloor(roster: Roster): number {
  let bytes = 0
  for (const repo of roster) {
    const root = repo.host_paths[HOST] ?? ''
    try {
      if (!statSync(root).isDirectory()) continue
      bytes += readFileSync(join(root, '.kaizen', 'schedule.yml')).length
    } catch {
      // as above
    }
  }
  return bytes
}

/** Parsing alone: every manifest of the roster parsed and validated from memory, no file system. */
function parseOnly(roster: Roster): number {
  const valid = new TextEncoder().encode(VALID)
  const invalid = new TextEncoder().encode(INVALID)
  let ok = 0
  roster.forEach((_, i) => {
    const kind = kindOf(i)
    if (kind === 'valid' || kind === 'invalid') ok += parseManifest(kind === 'valid' ? valid : invalid, 'x').ok ? 1 : 0
  })
  return ok
}

/** Discover over `roster` as the CLI runs it: the roster checked, every repo examined, the document validated. */
async function discoverDocument(roster: Roster, options: Partial<DiscoverOptions>): Promise<ScheduledRuns> {
  const checked = checkRoster(roster)
  if (!checked.ok) throw new Error(checked.problems.join('\n'))
  const result = await discoverScheduledRuns(checked.roster, { host: HOST, ...options })
  if (!result.ok) throw new Error(result.error.problems.join('\n'))
  return result.document
}

/** Median wall time of each task over `rounds` interleaved rounds (after one warm-up round). */
async function interleavedMedians(
  rounds: number,
  tasks: Record<string, () => unknown>,
): Promise<Record<string, number>> {
  const times: Record<string, number[]> = {}
  for (let round = 0; round <= rounds; round++) {
    for (const [name, task] of Object.entries(tasks)) {
      const start = performance.now()
      await task()
      const ms = performance.now() - start
      if (round > 0) times[name] = [...(times[name] ?? []), ms]
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, list]) => {
      list.sort((a, b) => a - b)
      return [name, list[Math.floor(list.length / 2)] ?? Number.NaN]
    }),
  )
}

const rate = (count: number, ms: number): string =>
  `${Math.round(count / (ms / 1000)).toLocaleString('en')} repos/s`.padStart(15)

/** Prints discover throughput and its ratio to the filesystem floor, for 1,000 and 10,000 repos. */
export async function runDiscoverBench(): Promise<void> {
  console.log('discover (in process, warm page cache, median of 5 interleaved rounds)')
  console.log('  roster mix per 20 repos: 12 opted in, 1 invalid manifest, 5 not opted in, 2 missing on disk')
  const load = (): string =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
  for (const count of [1_000, 10_000]) {
    const dir = await mkdtemp(join(tmpdir(), 'kaizen-bench-discover-'))
    try {
      const roster = await createRepos(dir, count)
      let document: ScheduledRuns | undefined
      const medians = await interleavedMedians(5, {
        floor: () => filesystemFloor(roster),
        concurrentFloor: () => concurrentFilesystemFloor(roster),
        syncFloor: () => syncFilesystemFloor(roster),
        parse: () => parseOnly(roster),
        discover: async () => {
          document = await discoverDocument(roster, {})
        },
        discoverAsync: () => discoverDocument(roster, { syncLimitMsPerRepo: 0 }),
      })
      const ms = (name: string): number => medians[name] ?? Number.NaN
      console.log(`  load average ${load()} (1, 5, 15 min)`)
      const discover = ms('discover')
      const line = (label: string, time: number, note: string): string =>
        `    ${label.padEnd(50)} ${time.toFixed(0).padStart(6)} ms ${rate(count, time)}   ${note}`.trimEnd()
      console.log(
        `  ${count.toLocaleString('en')} repos → ${document?.scheduled_runs.length} runs, ${document?.skipped.length} skipped`,
      )
      console.log(
        line(
          'discover (check roster, resolve, validate)',
          discover,
          count === 10_000
            ? `goal ≤ ${DISCOVER_10K_GOAL_MS} ms: ${discover <= DISCOVER_10K_GOAL_MS ? 'met' : 'NOT met'}`
            : '',
        ),
      )
      for (const [name, label] of [
        ['discoverAsync', 'discover, every repo asynchronous (slow devices)'],
        ['floor', 'floor: plain loop, await stat + readFile'],
        ['concurrentFloor', `same loop, ${DEFAULT_CONCURRENCY} at a time`],
        ['syncFloor', 'same loop, statSync + readFileSync'],
      ] as const) {
        console.log(line(label, ms(name), `discover = ${(discover / ms(name)).toFixed(2)}× this`))
      }
      console.log(
        line(
          'parsing the manifests alone (no I/O)',
          ms('parse'),
          `= ${((100 * ms('parse')) / discover).toFixed(0)}% of discover`,
        ),
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
