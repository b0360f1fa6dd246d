/**
 * The contract owner's commands, `npm run contracts:diff` and `npm run release-contracts`.
 * This is where the generator (which emits the current schemas) meets the evolution gate
 * (which compares them with the releases): `src/evolution/` itself never imports `src/codegen/`.
 */
import type { Command } from 'commander'
import { CONTRACTS, type Contract } from '../../../contracts/index.ts'
import { emitSchemas } from '../../codegen/artifacts.ts'
import { type CurrentContract, evaluateGate, type GateResult } from '../../evolution/gate.ts'
import { planRelease } from '../../evolution/release-plan.ts'
import { readReleases, writeReleaseFiles } from '../../evolution/releases.ts'
import { REPORT_FORMATS, type ReportFormat, renderMarkdown, renderReport } from '../../evolution/report.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { type CliIo, colorsFor } from '../io.ts'
import { formatOption } from '../options.ts'

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

/** Registers `contracts-diff`: compare every contract with its latest release; exit 1 on a breaking change without a major bump. */
export function registerContractsDiff(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('contracts-diff')
    .description(
      'Compare every contract with its latest released snapshot; exits 1 on a breaking change without a major bump',
    )
    .option(
      '-f, --format <format>',
      `report format: ${REPORT_FORMATS.join(', ')}`,
      formatOption(REPORT_FORMATS),
      'text',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  npm run contracts:diff\n  npm run contracts:diff -- --format markdown >> CHANGELOG-fragment.md',
    )
    .action(async (options: { format: ReportFormat }) => {
      const result = await runGate(io.cwd)
      const text = options.format === 'text' && !result.ok
      const color = colorsFor(io, text ? 'stderr' : 'stdout').isColorSupported
      const report = `${renderReport(result, options.format, { color })}\n`
      // Machine formats are data: always stdout. The text report of a failed gate is a diagnostic.
      ;(text ? io.stderr : io.stdout).write(report)
      done(result.ok ? EXIT.ok : EXIT.invalid)
    })
}

/** Registers `release-contracts`: snapshot every contract version not yet released, or refuse. */
export function registerReleaseContracts(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('release-contracts')
    .description(
      'Write generated/releases/<contract>/<version>.schema.json for every contract version not yet released',
    )
    .option('--dry-run', 'say what would be released, write nothing')
    .option(
      '--only <contract>',
      'release only this contract (repeatable), e.g. a major you must publish while a minor waits',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      'after',
      '\nExamples:\n  npm run release-contracts -- --dry-run\n  npm run release-contracts\n  npm run release-contracts -- --only schedule-manifest --only scheduled-runs',
    )
    .action(async (options: { dryRun?: boolean; only?: string[] }) => {
      const root = io.cwd
      const only = options.only === undefined ? undefined : new Set(options.only)
      const unknown = [...(only ?? [])].filter((name) => !CONTRACTS.some((c) => c.name === name))
      if (unknown.length > 0) {
        const known = CONTRACTS.map((c) => c.name).join(', ')
        throw new UsageError(`unknown contract ${unknown.join(', ')} for --only; one of ${known}`)
      }
      const [current, { releases, problems }] = await Promise.all([loadCurrentContracts(root), readReleases(root)])
      const gate = evaluateGate(current, releases, problems)
      const planned = planRelease(current, gate, releases)
      // --only narrows what is written; the gate and its refusals still cover every contract.
      const plan = only ? { ...planned, writes: planned.writes.filter((w) => only.has(w.name)) } : planned
      if (plan.refusals.length > 0) {
        io.stderr.write(['Nothing released:', ...plan.refusals.map((r) => `  ✖ ${r}`), ''].join('\n'))
        return done(EXIT.invalid)
      }
      const dryRun = options.dryRun === true
      if (!dryRun) {
        const written = await writeReleaseFiles(root, plan.writes)
        if (!written.ok) {
          io.stderr.write(`Nothing released: ${written.error}\n`)
          return done(EXIT.invalid)
        }
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
      io.stdout.write(`${lines.join('\n')}\n`)
      return done(EXIT.ok)
    })
}
