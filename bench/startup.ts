/**
 * Start-up: every cold start the issue-10 goals name, measured side by side. Each round
 * runs every contender once, in turn, so machine load affects all of them alike; each
 * figure is the median over the rounds, and every ratio is against a peer measured in
 * this same run (`node -e 0`, `tsx` on an empty file, ajv-cli on the same manifest).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import packageJson from '../package.json' with { type: 'json' }
import { buildPackage } from '../src/build/build-package.ts'

const root = process.cwd()

export interface Contender {
  readonly name: string
  readonly argv: readonly string[]
  /** Exit code the probe run must give (a failing contender would time its error path). */
  readonly expect?: number
}

/** One ratio the issue sets a goal for. */
interface Goal {
  readonly label: string
  readonly of: string
  readonly to: string
  readonly atMost: number
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/**
 * CPU time (user + system, ms) of this process's waited-for children so far, from
 * /proc (Linux; undefined elsewhere). Unlike wall time it barely moves with machine
 * load, so it is printed beside it. Clock ticks are 10 ms: medians over rounds smooth that.
 */
function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100
}

interface Medians {
  readonly wall: Map<string, number>
  readonly cpu: Map<string, number> | undefined
}

/** Median wall (and CPU) time of each contender over `rounds` interleaved rounds, after one probe run each. */
export function interleavedColdStarts(contenders: readonly Contender[], rounds: number): Medians {
  for (const c of contenders) {
    const probe = spawnSync(process.execPath, c.argv, { cwd: root, encoding: 'utf8' })
    if (probe.status !== (c.expect ?? 0)) throw new Error(`${c.name} exited ${probe.status}: ${probe.stderr}`)
  }
  const wall = new Map<string, number[]>(contenders.map((c) => [c.name, []]))
  const cpu = new Map<string, number[]>(contenders.map((c) => [c.name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const c of contenders) {
      const cpuBefore = childrenCpuMs()
      const start = performance.now()
      spawnSync(process.execPath, c.argv, { cwd: root, stdio: 'ignore' })
      wall.get(c.name)?.push(performance.now() - start)
      const cpuAfter = childrenCpuMs()
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.get(c.name)?.push(cpuAfter - cpuBefore)
    }
  }
  const medians = (times: Map<string, number[]>) => new Map([...times].map(([name, values]) => [name, median(values)]))
  return { wall: medians(wall), cpu: childrenCpuMs() === undefined ? undefined : medians(cpu) }
}

/** Builds the binary (unless BENCH_DIST names a build to measure), then prints every start-up figure and goal. */
export async function runStartupBench(): Promise<void> {
  const dist = process.env.BENCH_DIST ?? join(root, 'dist')
  if (!process.env.BENCH_DIST) await buildPackage(root)
  const bin = join(dist, packageJson.bin['kaizen-agentic'].replace(/^dist\//, ''))
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs')
  const scratch = await mkdtemp(join(tmpdir(), 'kaizen-bench-startup-'))
  try {
    const empty = join(scratch, 'empty.ts')
    await writeFile(empty, '')
    const manifest = join(root, 'contracts/examples/schedule-manifest/valid/full.yml')
    const schema = join(root, 'generated/schemas/schedule-manifest.schema.json')
    const prepareArgs = ['coach', '--target', 'examples/acme-service']
    const contenders: Contender[] = [
      { name: 'node -e 0', argv: ['-e', '0'] },
      { name: 'kaizen-agentic --version', argv: [bin, '--version'] },
      { name: 'kaizen-agentic --help', argv: [bin, '--help'] },
      { name: 'kaizen-agentic schedule validate', argv: [bin, 'schedule', 'validate', manifest] },
      {
        name: 'ajv-cli validate (same file, same schema)',
        argv: [
          join(root, 'node_modules/ajv-cli/dist/index.js'),
          'validate',
          '--spec=draft2020',
          '-c',
          'ajv-formats',
        ].concat(['-s', schema, '-d', manifest]),
      },
      { name: 'kaizen-agentic schedule prepare', argv: [bin, 'schedule', 'prepare', ...prepareArgs] },
      { name: 'tsx (empty file)', argv: [tsx, empty] },
      { name: 'tsx scripts/prepare.ts', argv: [tsx, join(root, 'scripts/prepare.ts'), ...prepareArgs] },
    ]
    const rounds = Number(process.env.BENCH_ROUNDS ?? 11)
    const medians = interleavedColdStarts(contenders, rounds)
    const of = (name: string): number => medians.wall.get(name) ?? Number.NaN
    const cpuOf = (name: string): number => medians.cpu?.get(name) ?? Number.NaN
    const load = loadavg()[0] ?? 0
    console.log(`\ncold starts (median of ${rounds} interleaved rounds; the bundled binary from ${dist})`)
    console.log(
      `  machine: ${cpus().length} cores, load average ${load.toFixed(1)} (a load above the core count slows every contender)`,
    )
    console.log(`  ${''.padEnd(44)}   wall    CPU (user+sys)`)
    for (const c of contenders) {
      console.log(
        `  ${c.name.padEnd(44)} ${of(c.name).toFixed(0).padStart(6)} ms ${cpuOf(c.name).toFixed(0).padStart(6)} ms`,
      )
    }
    const goals: Goal[] = [
      { label: 'validate / node -e 0', of: 'kaizen-agentic schedule validate', to: 'node -e 0', atMost: 2 },
      {
        label: 'validate / ajv-cli',
        of: 'kaizen-agentic schedule validate',
        to: 'ajv-cli validate (same file, same schema)',
        atMost: 0.5,
      },
      { label: '--version / node -e 0', of: 'kaizen-agentic --version', to: 'node -e 0', atMost: 1.5 },
      { label: '--help / node -e 0', of: 'kaizen-agentic --help', to: 'node -e 0', atMost: 1.5 },
      {
        label: 'tsx scripts/prepare.ts / tsx (empty file)',
        of: 'tsx scripts/prepare.ts',
        to: 'tsx (empty file)',
        atMost: 1.5,
      },
      { label: 'prepare (bundled) / node -e 0', of: 'kaizen-agentic schedule prepare', to: 'node -e 0', atMost: 2.5 },
    ]
    console.log('  ratio (goals are on wall time)                  wall    CPU    goal')
    for (const goal of goals) {
      const ratio = of(goal.of) / of(goal.to)
      const cpuRatio = cpuOf(goal.of) / cpuOf(goal.to)
      const verdict = ratio <= goal.atMost ? 'met' : 'NOT met'
      console.log(
        `  ${goal.label.padEnd(44)} ${ratio.toFixed(2).padStart(6)}× ${cpuRatio.toFixed(2).padStart(5)}×  ≤ ${goal.atMost}×  ${verdict}`,
      )
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
