/**
 * The resolver, `discover_kaizen_scheduled_repos`: a checked roster → every repo
 * examined on this host (bounded concurrency) → the scheduled-runs document,
 * validated against its published contract before anyone sees it.
 */
import type { Roster } from '../../contracts/roster.ts'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import validateScheduledRuns from '../../generated/validators/scheduled-runs.ts'
import { type ContractViolation, contractViolation } from '../schema/check.ts'
import { assembleScheduledRuns } from './assemble.ts'
import { examineRepo } from './examine-repo.ts'
import { mapBounded } from './pool.ts'
import type { DueWindow } from './window.ts'

/**
 * Repos examined at once. On a warm local disk throughput stops growing at about 4
 * (libuv's thread pool size); 32 keeps more requests in flight for cold caches and
 * network file systems, where each call waits on the device, and stays far below
 * any file-descriptor limit.
 */
export const DEFAULT_CONCURRENCY = 32

/** How to resolve. */
export interface DiscoverOptions {
  /** The host whose `host_paths` entry is examined. */
  readonly host: string
  readonly concurrency?: number
  /** With a window `(from, to]`: one run per occurrence due in it, with due_at and run_id. */
  readonly window?: DueWindow
  /** Only these agents; all when absent. */
  readonly agents?: ReadonlySet<string>
  /** Called after each repo with the count examined so far and the roster size. */
  readonly onProgress?: (done: number, total: number) => void
}

/** The document, or why it could not be produced (only an output that breaks its own contract). */
export type DiscoverResult =
  | { readonly ok: true; readonly document: ScheduledRuns }
  | { readonly ok: false; readonly error: ContractViolation }

/** Resolves the scheduled runs of `roster` on `options.host`. */
export async function discoverScheduledRuns(roster: Roster, options: DiscoverOptions): Promise<DiscoverResult> {
  const { host, concurrency = DEFAULT_CONCURRENCY, onProgress, window, agents } = options
  const plan = { ...(window ? { window } : {}), ...(agents ? { agents } : {}) }
  const outcomes = await mapBounded(
    roster,
    concurrency,
    (entry) => examineRepo(entry, host, plan),
    onProgress && ((done) => onProgress(done, roster.length)),
  )
  const document = assembleScheduledRuns(outcomes, window)
  const violation = contractViolation('scheduled-runs', document, validateScheduledRuns)
  if (violation) return { ok: false, error: violation }
  return { ok: true, document }
}
