/**
 * Manifest benchmark: in-process validations per second, and the cold start of
 * `kaizen-agentic schedule validate` (compiled dist/ binary and tsx script) next to
 * `node -e 0` and to ajv-cli validating the same YAML against the same schema. Every
 * figure is a median, and every ratio is against a peer measured in this same run,
 * interleaved, so machine load affects both sides alike.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse } from 'yaml'
import packageJson from '../package.json' with { type: 'json' }
import { parseManifestText } from '../src/manifest/parse.ts'
import { createAjv } from '../src/schema/ajv.ts'
import { schemaFor, validatorFor } from '../src/schema/validators.ts'

const root = process.cwd()
const require = createRequire(import.meta.url)

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Operations per second of `task`: the median of `batches` timed batches, after a warm-up. */
function opsPerSecond(task: () => unknown, batches = 7, batchMs = 200): number {
  const warmUntil = performance.now() + batchMs
  while (performance.now() < warmUntil) task()
  const rates: number[] = []
  for (let b = 0; b < batches; b++) {
    let n = 0
    const start = performance.now()
    let now = start
    while (now - start < batchMs) {
      task()
      n++
      now = performance.now()
    }
    rates.push(n / ((now - start) / 1000))
  }
  return median(rates)
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')

function inProcess(text: string): void {
  const data = parse(text)
  const precompiled = validatorFor('schedule-manifest')
  const compileStart = performance.now()
  const compiled = createAjv({ verbose: true }).compile(schemaFor('schedule-manifest'))
  const compileMs = performance.now() - compileStart
  if (!precompiled(data) || !compiled(data) || !parseManifestText(text, 'm.yml').ok) {
    throw new Error('bench manifest must be valid')
  }
  const full = opsPerSecond(() => parseManifestText(text, 'm.yml'))
  const yamlOnly = opsPerSecond(() => parse(text))
  const alone = opsPerSecond(() => precompiled(data))
  const runtime = opsPerSecond(() => compiled(data))
  console.log('\nmanifest validation, in process (typical manifest, median of 7 batches)')
  console.log(`  parse + validate (parseManifestText)   ${fmt(full).padStart(11)} /s`)
  console.log(
    `  yaml.parse alone (peer)                ${fmt(yamlOnly).padStart(11)} /s   (loader = ${(yamlOnly / full).toFixed(1)}× slower than bare yaml.parse)`,
  )
  console.log(`  validate alone, precompiled            ${fmt(alone).padStart(11)} /s`)
  console.log(
    `  validate alone, Ajv compiled at run    ${fmt(runtime).padStart(11)} /s   (precompiled runs at ${(alone / runtime).toFixed(2)}× this: the same code)`,
  )
  console.log(
    `  Ajv compile of the schema (first run)  ${compileMs.toFixed(1).padStart(11)} ms  (what precompiling saves at start-up)`,
  )
}

interface Contender {
  readonly name: string
  readonly argv: readonly string[]
}

function coldStarts(contenders: readonly Contender[], rounds: number): Map<string, number> {
  const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]))
  for (const c of contenders) {
    const probe = spawnSync(process.execPath, c.argv, { encoding: 'utf8' })
    if (probe.status !== 0) throw new Error(`${c.name} failed (${probe.status}): ${probe.stderr}`)
  }
  for (let round = 0; round < rounds; round++) {
    for (const c of contenders) {
      const start = performance.now()
      spawnSync(process.execPath, c.argv, { stdio: 'ignore' })
      times.get(c.name)?.push(performance.now() - start)
    }
  }
  return new Map([...times].map(([name, values]) => [name, median(values)]))
}

/** Runs the manifest benchmark and prints its figures and ratios. */
export async function runManifestBench(): Promise<void> {
  const text = await readFile(join(root, 'contracts/examples/schedule-manifest/valid/full.yml'), 'utf8')
  inProcess(text)

  // Measure the current sources: build dist/ first (BENCH_DIST points at another build to compare).
  const dist = process.env.BENCH_DIST ?? join(root, 'dist')
  if (!process.env.BENCH_DIST) {
    const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      encoding: 'utf8',
    })
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`)
  }
  const scratch = await mkdtemp(join(tmpdir(), 'kaizen-bench-'))
  try {
    const file = join(scratch, 'schedule.yml')
    await writeFile(file, text)
    const bin = join(dist, packageJson.bin['kaizen-agentic'].replace(/^dist\//, ''))
    const ajvCli = join(root, 'node_modules/ajv-cli/dist/index.js')
    const schema = join(root, 'generated/schemas/schedule-manifest.schema.json')
    const rounds = Number(process.env.BENCH_ROUNDS ?? 21)
    const contenders: Contender[] = [
      { name: 'node -e 0', argv: ['-e', '0'] },
      { name: 'kaizen-agentic (dist)', argv: [bin, 'schedule', 'validate', file] },
      {
        name: 'ajv-cli (same YAML, same schema)',
        argv: [ajvCli, 'validate', '--spec=draft2020', '-c', 'ajv-formats', '-s', schema, '-d', file],
      },
      {
        name: 'tsx scripts/validate.ts',
        argv: [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/validate.ts'), file],
      },
    ]
    const medians = coldStarts(contenders, rounds)
    const of = (name: string) => medians.get(name) ?? Number.NaN
    const base = of('node -e 0')
    console.log(`\ncold start of \`schedule validate\` (median of ${rounds} interleaved runs)`)
    for (const c of contenders) {
      console.log(
        `  ${c.name.padEnd(34)} ${of(c.name).toFixed(0).padStart(5)} ms   ${(of(c.name) / base).toFixed(2)}× node -e 0`,
      )
    }
    const cli = of('kaizen-agentic (dist)')
    const ajv = of('ajv-cli (same YAML, same schema)')
    console.log(`  compiled CLI / node -e 0 = ${(cli / base).toFixed(2)}×  (target ≤ 2×)`)
    console.log(`  compiled CLI / ajv-cli   = ${(cli / ajv).toFixed(2)}×  (target < 1×)`)
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
