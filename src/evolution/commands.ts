/**
 * The two contract-owner commands, `npm run contracts:diff` and `npm run release-contracts`,
 * as functions from arguments to an outcome (exit code, stdout, stderr). The scripts in
 * `scripts/` only print the outcome, so tests call these directly.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CONTRACTS, type Contract } from '../../contracts/index.ts'
import { emitSchemas } from '../codegen/artifacts.ts'
import { type CurrentContract, evaluateGate, type GateResult } from './gate.ts'
import { planRelease } from './release-plan.ts'
import { readReleases, writeReleaseFiles } from './releases.ts'
import { REPORT_FORMATS, type ReportFormat, renderMarkdown, renderReport } from './report.ts'

/** What a command prints and how it exits: 0 ok, 1 gate failed or refused, 2 usage error. */
export interface CommandOutcome {
  readonly exitCode: 0 | 1 | 2
  readonly stdout: string
  readonly stderr: string
}

/** The current contracts with the schemas they emit now (not the files on disk: no need to generate first). */
export async function loadCurrentContracts(
  root: string,
  contracts: readonly Contract[] = CONTRACTS,
): Promise<CurrentContract[]> {
  const emitted = await emitSchemas(root, contracts)
  return emitted.map(({ contract, schema }) => ({
    name: contract.name,
    version: contract.version,
    direction: contract.direction,
    schema,
  }))
}

/** Runs the gate on the project at `root`. */
export async function runGate(root: string, contracts: readonly Contract[] = CONTRACTS): Promise<GateResult> {
  const [current, { releases, problems }] = await Promise.all([
    loadCurrentContracts(root, contracts),
    readReleases(root),
  ])
  return evaluateGate(current, releases, problems)
}

const DIFF_USAGE = `usage: npm run contracts:diff [-- --format ${REPORT_FORMATS.join('|')}]
Compares every contract with its latest released snapshot; exits 1 on a breaking change without a major bump.`

const RELEASE_USAGE = `usage: npm run release-contracts [-- --dry-run] [-- --only <contract>]...
Writes generated/releases/<contract>/<version>.schema.json for every contract version not yet released
(with --only: for the named contracts alone, e.g. a major you must publish while a minor waits).`

type Parsed<T> = { ok: true; values: T } | { ok: false; outcome: CommandOutcome }

function parse<T>(argv: readonly string[], options: ParseArgsConfig['options'], usage: string): Parsed<T> {
  try {
    const { values } = parseArgs({ args: [...argv], options: options ?? {}, strict: true, allowPositionals: false })
    return { ok: true, values: values as T }
  } catch (error) {
    return {
      ok: false,
      outcome: { exitCode: 2, stdout: '', stderr: `${(error as Error).message}\n${usage}\n` },
    }
  }
}

/** `npm run contracts:diff [-- --format text|json|markdown]`. */
export async function contractsDiff(
  root: string,
  argv: readonly string[],
  options: { color: boolean } = { color: false },
): Promise<CommandOutcome> {
  const parsed = parse<{ format?: string; help?: boolean }>(
    argv,
    { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    DIFF_USAGE,
  )
  if (!parsed.ok) return parsed.outcome
  if (parsed.values.help) return { exitCode: 0, stdout: `${DIFF_USAGE}\n`, stderr: '' }
  const format = parsed.values.format ?? 'text'
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    return { exitCode: 2, stdout: '', stderr: `unknown --format "${format}"\n${DIFF_USAGE}\n` }
  }
  const result = await runGate(root)
  const report = `${renderReport(result, format as ReportFormat, options)}\n`
  const exitCode = result.ok ? 0 : 1
  // Machine formats are data: always stdout. The text report of a failed gate is a diagnostic.
  if (format === 'text' && !result.ok) return { exitCode, stdout: '', stderr: report }
  return { exitCode, stdout: report, stderr: '' }
}

/** `npm run release-contracts [-- --dry-run]`: snapshots every unreleased contract version, or refuses. */
export async function releaseContracts(root: string, argv: readonly string[]): Promise<CommandOutcome> {
  const parsed = parse<{ 'dry-run'?: boolean; help?: boolean; only?: string[] }>(
    argv,
    {
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      only: { type: 'string', multiple: true },
    },
    RELEASE_USAGE,
  )
  if (!parsed.ok) return parsed.outcome
  if (parsed.values.help) return { exitCode: 0, stdout: `${RELEASE_USAGE}\n`, stderr: '' }
  const only = parsed.values.only === undefined ? undefined : new Set(parsed.values.only)
  const unknown = [...(only ?? [])].filter((name) => !CONTRACTS.some((c) => c.name === name))
  if (unknown.length > 0) {
    const known = CONTRACTS.map((c) => c.name).join(', ')
    return { exitCode: 2, stdout: '', stderr: `unknown contract ${unknown.join(', ')} for --only; one of ${known}\n` }
  }
  const [current, { releases, problems }] = await Promise.all([loadCurrentContracts(root), readReleases(root)])
  const gate = evaluateGate(current, releases, problems)
  const planned = planRelease(current, gate, releases)
  // --only narrows what is written; the gate and its refusals still cover every contract.
  const plan = only ? { ...planned, writes: planned.writes.filter((w) => only.has(w.name)) } : planned
  if (plan.refusals.length > 0) {
    return {
      exitCode: 1,
      stdout: '',
      stderr: ['Nothing released:', ...plan.refusals.map((r) => `  ✖ ${r}`), ''].join('\n'),
    }
  }
  const dryRun = parsed.values['dry-run'] === true
  if (!dryRun) {
    const written = await writeReleaseFiles(root, plan.writes)
    if (!written.ok) return { exitCode: 1, stdout: '', stderr: `Nothing released: ${written.error}\n` }
  }
  const names = new Set(plan.writes.map((w) => w.name))
  const lines = [
    ...plan.writes.map((w) => `${dryRun ? 'would release' : 'released'} ${w.name} ${w.version} → ${w.path}`),
    ...plan.unchanged.map((u) => `already released: ${u.name} ${u.version}`),
  ]
  if (names.size > 0) {
    const fragment = renderMarkdown({ ...gate, contracts: gate.contracts.filter((v) => names.has(v.name)) })
    lines.push('', 'For CHANGELOG.md:', '', fragment)
  }
  return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' }
}
