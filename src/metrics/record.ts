/**
 * Builds the execution record `metrics record` appends (pure): the flags, merged over the
 * fleet environment (the seed's `HELIX_*` table), checked against the execution-record
 * contract's precompiled validator. Every problem names where the bad value came from —
 * the flag or the environment variable — so the CLI can word it and pick the exit code.
 */
import type { ExecutionRecord } from '../../contracts/execution-record.ts'
import validateGenerated from '../../generated/validators/execution-record.ts'
import type { PrecompiledValidator } from '../../generated/validators/index.ts'
import { METRICS_RECORD } from '../command-lines/command-lines.ts'
import { parseCount, parseDecimal } from './numbers.ts'

// The one generated validator, not the index of all of them: `metrics record` starts fast.
const validateExecutionRecord: PrecompiledValidator = validateGenerated

/** What the command line says about the session. */
export interface RecordFlags {
  readonly agent: string
  readonly success: boolean
  readonly timeS: number
  readonly quality?: number
  readonly runId?: string
  readonly tokens?: number
}

/**
 * The fleet variables `metrics record` merges (seed: Integration Patterns, "Environment
 * variables"), each with the record field it fills. A flag for the same field wins.
 */
export const HELIX_ENV = {
  HELIX_SESSION_UID: 'helix_session_uid',
  HELIX_REPO: 'helix_repo',
  HELIX_FLAVOR: 'helix_flavor',
  HELIX_TOKENS: 'tokens',
  HELIX_INFRA_OVERHEAD_SHARE: 'helix_infra_overhead_share',
} as const satisfies Record<string, keyof ExecutionRecord>

/** Where a value of the record came from: the agent argument, a flag, an environment variable, or the clock. */
export type ValueSource =
  | { readonly kind: 'argument' }
  | { readonly kind: 'flag'; readonly flag: string }
  | { readonly kind: 'env'; readonly variable: string }
  | { readonly kind: 'clock' }

/** One reason the record cannot be written. */
export interface RecordProblem {
  readonly source: ValueSource
  /** The value as given (for messages). */
  readonly value: string
  readonly message: string
}

/** A record ready to append, or every reason it is not. */
export type RecordResult =
  | { readonly ok: true; readonly record: ExecutionRecord }
  | { readonly ok: false; readonly problems: readonly RecordProblem[] }

/** RFC 3339 in UTC, to the millisecond, so records of one second keep their order. */
const recordedAt = (now: Date): string => now.toISOString()

type Env = Readonly<Record<string, string | undefined>>

/** The record fields the environment supplies, with their sources; malformed values are problems. */
function fromEnvironment(env: Env): {
  fields: Partial<Record<keyof ExecutionRecord, unknown>>
  sources: Map<string, ValueSource>
  problems: RecordProblem[]
} {
  const fields: Partial<Record<keyof ExecutionRecord, unknown>> = {}
  const sources = new Map<string, ValueSource>()
  const problems: RecordProblem[] = []
  for (const [variable, field] of Object.entries(HELIX_ENV)) {
    const raw = env[variable]
    // Unset and empty are the same: shells and CI systems export empty variables freely.
    if (raw === undefined || raw === '') continue
    const source: ValueSource = { kind: 'env', variable }
    let value: unknown = raw
    if (field === 'tokens') {
      value = parseCount(raw)
      if (value === undefined) problems.push({ source, value: raw, message: 'must be a non-negative integer' })
    } else if (field === 'helix_infra_overhead_share') {
      value = parseDecimal(raw)
      if (value === undefined) problems.push({ source, value: raw, message: 'must be a number from 0 to 1' })
    }
    if (value !== undefined) {
      fields[field] = value
      sources.set(field, source)
    }
  }
  return { fields, sources, problems }
}

/** The flag each record field comes from. */
const FLAG_OF: Partial<Record<keyof ExecutionRecord, string>> = {
  time_s: METRICS_RECORD.time,
  quality: METRICS_RECORD.quality,
  run_id: METRICS_RECORD.runId,
  tokens: METRICS_RECORD.tokens,
}

/**
 * The record for `flags`, the environment merged under them, stamped `now`, and valid
 * against the execution-record contract — or every problem, each naming its source.
 */
export function buildExecutionRecord(flags: RecordFlags, env: Env, now: Date): RecordResult {
  const merged = fromEnvironment(env)
  const sources = merged.sources
  const given: Record<string, unknown> = {
    time_s: flags.timeS,
    quality: flags.quality,
    run_id: flags.runId,
    tokens: flags.tokens,
  }
  // A flag beats the environment: its source replaces the variable's.
  for (const [field, value] of Object.entries(given)) {
    if (value !== undefined)
      sources.set(field, { kind: 'flag', flag: FLAG_OF[field as keyof ExecutionRecord] ?? field })
  }
  sources.set('agent', { kind: 'argument' })
  sources.set('recorded_at', { kind: 'clock' })
  const { helix_session_uid, helix_repo, helix_flavor, helix_infra_overhead_share, tokens } = merged.fields
  // Key order is the order a reader scans a line in: who, outcome, when, then correlation.
  const candidate = {
    agent: flags.agent,
    success: flags.success,
    time_s: flags.timeS,
    ...(flags.quality === undefined ? {} : { quality: flags.quality }),
    recorded_at: recordedAt(now),
    ...(flags.runId === undefined ? {} : { run_id: flags.runId }),
    ...(flags.tokens === undefined ? (tokens === undefined ? {} : { tokens }) : { tokens: flags.tokens }),
    ...(helix_session_uid === undefined ? {} : { helix_session_uid }),
    ...(helix_repo === undefined ? {} : { helix_repo }),
    ...(helix_flavor === undefined ? {} : { helix_flavor }),
    ...(helix_infra_overhead_share === undefined ? {} : { helix_infra_overhead_share }),
  }
  const problems = [...merged.problems]
  if (!validateExecutionRecord(candidate)) {
    const seen = new Set(problems.map((p) => p.source))
    for (const error of validateExecutionRecord.errors ?? []) {
      const field = error.instancePath.split('/')[1] ?? ''
      const source = sources.get(field) ?? { kind: 'argument' }
      if (seen.has(source)) continue
      seen.add(source)
      const value = (candidate as Record<string, unknown>)[field]
      problems.push({ source, value: String(value), message: error.message ?? 'is invalid' })
    }
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, record: candidate as ExecutionRecord }
}
