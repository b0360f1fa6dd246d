/**
 * Manifest benchmark: in-process validations per second, each figure a median and each
 * ratio against a peer measured in this same run. The cold start of `schedule validate`
 * next to `node -e 0` and ajv-cli is in startup.ts.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse } from 'yaml'
import { parseManifestText } from '../src/manifest/parse.ts'
import { createAjv } from '../src/schema/ajv.ts'
import { schemaFor, validatorFor } from '../src/schema/validators.ts'

const root = process.cwd()

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
    `  yaml.parse alone (peer)                ${fmt(yamlOnly).padStart(11)} /s   (loader runs at ${(full / yamlOnly).toFixed(1)}× bare yaml.parse: valid plain YAML takes the fast path)`,
  )
  console.log(`  validate alone, precompiled            ${fmt(alone).padStart(11)} /s`)
  console.log(
    `  validate alone, Ajv compiled at run    ${fmt(runtime).padStart(11)} /s   (precompiled runs at ${(alone / runtime).toFixed(2)}× this: the same code)`,
  )
  console.log(
    `  Ajv compile of the schema (first run)  ${compileMs.toFixed(1).padStart(11)} ms  (what precompiling saves at start-up)`,
  )
}

/** Runs the manifest benchmark and prints its figures and ratios. */
export async function runManifestBench(): Promise<void> {
  const text = await readFile(join(root, 'contracts/examples/schedule-manifest/valid/full.yml'), 'utf8')
  inProcess(text)
}
