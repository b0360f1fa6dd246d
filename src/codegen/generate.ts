/** Entry point of `npm run generate [-- --check]`: build, then write or check. */
import { performance } from 'node:perf_hooks'
import { buildArtifacts, GENERATED_DIRS, PRESERVED_DIRS } from './artifacts.ts'
import { applyArtifacts, type DriftReport, detectDrift } from './sync.ts'

/** Outcome of one generator run. */
export interface GenerateResult {
  readonly drift: DriftReport
  readonly files: number
  readonly ms: number
}

/** Generates every artifact under `root`; in check mode writes nothing and only reports drift. */
export async function generate(root: string, options: { check: boolean }): Promise<GenerateResult> {
  const started = performance.now()
  const artifacts = await buildArtifacts(root)
  const drift = await detectDrift(root, artifacts, GENERATED_DIRS, PRESERVED_DIRS)
  if (!options.check) await applyArtifacts(root, artifacts, drift)
  return { drift, files: artifacts.length, ms: performance.now() - started }
}

/** Human report of a run, for stderr/stdout. */
export function describeGenerateResult(result: GenerateResult, check: boolean): { text: string; ok: boolean } {
  const { changed, stale } = result.drift
  const dirty = changed.length + stale.length > 0
  const ms = result.ms.toFixed(0)
  if (!dirty) return { ok: true, text: `${result.files} generated files up to date (${ms} ms)` }
  const lines = [
    ...changed.map((p) => `  ${check ? 'out of date' : 'wrote'}: ${p}`),
    ...stale.map((p) => `  ${check ? 'stale' : 'removed'}: ${p}`),
  ]
  if (check) {
    return {
      ok: false,
      text: [
        `Generated files are not up to date (${changed.length + stale.length} of them); run \`npm run generate\`:`,
        ...lines,
      ].join('\n'),
    }
  }
  return { ok: true, text: [`generated ${result.files} files in ${ms} ms:`, ...lines].join('\n') }
}
