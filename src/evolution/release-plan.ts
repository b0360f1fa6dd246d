/**
 * What `npm run release-contracts` would do, decided without touching the disk:
 * a snapshot for every contract version not yet released, nothing rewritten, and
 * nothing at all if the gate fails or a released file would change.
 */
import { formatJson } from '../schema/format-json.ts'
import type { CurrentContract, GateResult } from './gate.ts'
import { isJsonEqual, type SchemaObject } from './json.ts'
import { type Release, releaseFileOf } from './releases.ts'

/** Banner (`$comment`) of a released schema snapshot: written once, never regenerated. */
export const releaseBanner = (source: string, version: string): string =>
  `Released snapshot of ${source} at version ${version}, written once by \`npm run release-contracts\` — NEVER EDIT: released schemas are immutable; evolve the contract and release a new version.`

/** One snapshot file to write. */
export interface PlannedRelease {
  readonly name: string
  readonly version: string
  readonly path: string
  readonly content: string
}

/** The plan: writes, versions already released as they are, and reasons to write nothing. */
export interface ReleasePlan {
  readonly writes: readonly PlannedRelease[]
  readonly unchanged: readonly PlannedRelease[]
  readonly refusals: readonly string[]
}

/** The snapshot text of a contract version: its schema with the release banner as `$comment`. */
export function renderRelease(contract: { name: string; version: string }, schema: SchemaObject): string {
  return formatJson({ ...schema, $comment: releaseBanner(`contracts/${contract.name}.ts`, contract.version) })
}

const withoutComment = ({ $comment: _, ...rest }: SchemaObject): SchemaObject => rest

/** Plans a release of every current contract; any refusal means nothing is written. */
export function planRelease(
  current: readonly CurrentContract[],
  gate: GateResult,
  releases: readonly Release[],
): ReleasePlan {
  const refusals: string[] = gate.problems.map((p) => `${p.file}: ${p.message}`)
  const writes: PlannedRelease[] = []
  const unchanged: PlannedRelease[] = []
  for (const contract of current) {
    const verdict = gate.contracts.find((v) => v.name === contract.name)
    if (verdict?.failing) {
      const breaking = verdict.changes.filter((c) => c.level === 'breaking')
      refusals.push(
        `refusing to release ${contract.name} ${contract.version}: ${breaking.length} breaking change(s) without a major bump, first: ${breaking[0]?.message ?? ''}`,
      )
      continue
    }
    const planned = {
      name: contract.name,
      version: contract.version,
      path: releaseFileOf(contract.name, contract.version),
      content: renderRelease(contract, contract.schema),
    }
    const existing = releases.find((r) => r.name === contract.name && r.version === contract.version)
    if (!existing) writes.push(planned)
    else if (isJsonEqual(withoutComment(existing.schema), withoutComment(contract.schema))) unchanged.push(planned)
    else
      refusals.push(
        `${planned.path} is already released with different content; released schemas are immutable: bump the version in contracts/${contract.name}.ts (npm run contracts:diff says which part)`,
      )
  }
  return refusals.length > 0 ? { writes: [], unchanged, refusals } : { writes, unchanged, refusals }
}
