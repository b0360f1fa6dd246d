/**
 * The breaking-change gate: each current contract against its latest released snapshot.
 * Pure: takes the current schemas and the releases, returns one verdict per contract.
 *
 * The baseline is the latest release with the same major. A contract whose major is
 * ahead of every release is an intentional major bump: its `$id` changed, so consumers
 * of the old major keep the old schema; the changes are listed but do not fail.
 */
import type { ContractDirection } from '../../contracts/common.ts'
import { type Change, classify, diffSchemas } from './diff.ts'
import type { SchemaObject } from './json.ts'
import { RELEASES_DIR, type Release, type ReleaseProblem } from './releases.ts'
import { compareVersions, parseVersion } from './version.ts'

/** A contract as the gate sees it: identity, direction and the schema it emits now. */
export interface CurrentContract {
  readonly name: string
  readonly version: string
  readonly direction: ContractDirection
  readonly schema: SchemaObject
}

/** Where a contract stands against its releases. */
export type GateStatus =
  /** Identical (apart from `$comment`) to its baseline release. */
  | 'unchanged'
  /** Changed since its baseline, compatibly for its direction. */
  | 'compatible'
  /** Changed since its baseline in a way that breaks consumers, without a major bump. */
  | 'breaking'
  /** Its major is ahead of every release: breaking changes are intentional. */
  | 'major-bump'
  /** Never released. */
  | 'unreleased'

/** The gate's verdict on one contract. */
export interface ContractVerdict {
  readonly name: string
  readonly version: string
  readonly direction: ContractDirection
  /** The release compared against, if any. */
  readonly baseline: string | null
  readonly status: GateStatus
  /** Whether this verdict fails the gate. */
  readonly failing: boolean
  readonly changes: readonly Change[]
  /** What to do next, in words. */
  readonly notes: readonly string[]
}

/** The whole gate. */
export interface GateResult {
  readonly ok: boolean
  readonly contracts: readonly ContractVerdict[]
  /** Problems with the releases themselves (unreadable, misnamed, a released contract gone). */
  readonly problems: readonly ReleaseProblem[]
}

const majorOf = (version: string): number => parseVersion(version)?.[0] ?? 0

/** Judges one contract against its own releases (sorted by version). */
export function judgeContract(current: CurrentContract, releases: readonly Release[]): ContractVerdict {
  const head = { name: current.name, version: current.version, direction: current.direction }
  const latest = releases.at(-1)
  if (!latest) {
    return {
      ...head,
      baseline: null,
      status: 'unreleased',
      failing: false,
      changes: [],
      notes: [`never released: run \`npm run release-contracts\` to release ${current.version}`],
    }
  }
  if (compareVersions(current.version, latest.version) < 0) {
    const change = classify(
      {
        rule: 'VERSION_DECREASED',
        path: '$',
        schemaPath: '#',
        detail: `version ${current.version} is lower than the released ${latest.version}`,
        before: latest.version,
        after: current.version,
      },
      current.direction,
    )
    return {
      ...head,
      baseline: latest.version,
      status: 'breaking',
      failing: true,
      changes: [change],
      notes: [`set the version in contracts/${current.name}.ts to ${latest.version} or higher`],
    }
  }
  const sameMajor = releases.filter((r) => majorOf(r.version) === majorOf(current.version)).at(-1)
  const baseline = sameMajor ?? latest
  const changes = diffSchemas(baseline.schema, current.schema, current.direction)
  const breaking = changes.some((c) => c.level === 'breaking')
  const nextMajor = `${majorOf(baseline.version) + 1}.0.0`
  const notes: string[] = []
  if (!sameMajor) {
    notes.push(
      `major bump ${baseline.version} → ${current.version}: breaking changes are intentional; release it with \`npm run release-contracts\` and list them in CHANGELOG.md`,
    )
    return { ...head, baseline: baseline.version, status: 'major-bump', failing: false, changes, notes }
  }
  if (breaking) {
    notes.push(
      `bump the major in contracts/${current.name}.ts to ${nextMajor} (its $id becomes …/v${majorOf(nextMajor)}.schema.json), or make the change ${current.direction === 'input' ? 'backward' : 'forward'} compatible`,
    )
  } else if (changes.length > 0 && current.version === baseline.version) {
    const annotationsOnly = changes.every((c) => c.effect === 'annotates')
    notes.push(
      `changed since release ${baseline.version}: bump the ${annotationsOnly ? 'patch' : 'minor'} version before \`npm run release-contracts\``,
    )
  } else if (changes.length > 0) {
    notes.push(`${current.version} is not released yet: run \`npm run release-contracts\``)
  }
  const status: GateStatus = breaking ? 'breaking' : changes.length > 0 ? 'compatible' : 'unchanged'
  return { ...head, baseline: baseline.version, status, failing: breaking, changes, notes }
}

/** Runs the gate over every current contract; released contracts that disappeared are problems. */
export function evaluateGate(
  current: readonly CurrentContract[],
  releases: readonly Release[],
  problems: readonly ReleaseProblem[] = [],
): GateResult {
  const contracts = current.map((c) =>
    judgeContract(
      c,
      releases.filter((r) => r.name === c.name),
    ),
  )
  const names = new Set(current.map((c) => c.name))
  const gone = [...new Set(releases.map((r) => r.name))].filter((name) => !names.has(name))
  const allProblems: ReleaseProblem[] = [
    ...problems,
    ...gone.map((name) => ({
      file: `${RELEASES_DIR}/${name}/`,
      rule: 'CONTRACT_REMOVED',
      message: `CONTRACT_REMOVED at $: contract "${name}" was released but is no longer in contracts/index.ts — breaking for every consumer that still validates with it; restore it, or retire it deliberately (see docs/evolving-a-contract.md)`,
    })),
  ]
  return { ok: contracts.every((c) => !c.failing) && allProblems.length === 0, contracts, problems: allProblems }
}
