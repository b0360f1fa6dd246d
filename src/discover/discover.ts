/**
 * The resolver, `discover_kaizen_scheduled_repos`: a checked roster → every repo
 * examined on this host → the scheduled-runs document, validated against its
 * published contract before anyone sees it.
 *
 * Repos are examined synchronously, in batches, while the file system answers from
 * its cache: a manifest read there is a dozen system calls of a microsecond or two,
 * and sending each through libuv's thread pool costs several times that (`npm run
 * bench`, discover). Once a batch shows the calls waiting on a device (a cold cache, a
 * network file system), the rest is examined asynchronously with bounded concurrency,
 * so slow calls overlap instead of queueing. Either way each repo gets the same
 * contained reads and the same rules (examine-repo.ts).
 */
import { performance } from 'node:perf_hooks'
import type { Roster, RosterRepo } from '../../contracts/roster.ts'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import validateScheduledRuns from '../../generated/validators/scheduled-runs.ts'
import { type ContractViolation, contractViolation } from '../schema/check.ts'
import { assembleScheduledRuns } from './assemble.ts'
import { examineRepo, examineRepoSync } from './examine-repo.ts'
import { mapBounded } from './pool.ts'
import type { RepoOutcome } from './rules.ts'
import type { DueWindow } from './window.ts'

/**
 * Repos examined at once once examination has turned asynchronous (a slow device). 32
 * keeps more requests in flight for cold caches and network file systems, where each
 * call waits on the device, and stays far below any file-descriptor limit.
 */
export const DEFAULT_CONCURRENCY = 32

/** Repos examined synchronously between two turns of the event loop (timers, signals, progress output). */
const SYNC_BATCH = 256

/**
 * The mean time per repo above which a synchronous batch counts as waiting on a
 * device: a warm local read takes about 0.05 ms (`npm run bench`), a cold disk or a
 * network file system one or more milliseconds per call.
 */
export const SYNC_LIMIT_MS_PER_REPO = 1

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
  /**
   * The mean milliseconds per repo above which the synchronous batches give way to
   * asynchronous, concurrent examination; default `SYNC_LIMIT_MS_PER_REPO`. 0 examines
   * every repo asynchronously (tests compare the two ways).
   */
  readonly syncLimitMsPerRepo?: number
}

/** The document, or why it could not be produced (only an output that breaks its own contract). */
export type DiscoverResult =
  | { readonly ok: true; readonly document: ScheduledRuns }
  | { readonly ok: false; readonly error: ContractViolation }

/** Resolves the scheduled runs of `roster` on `options.host`. */
export async function discoverScheduledRuns(roster: Roster, options: DiscoverOptions): Promise<DiscoverResult> {
  const { host, concurrency = DEFAULT_CONCURRENCY, onProgress, window, agents } = options
  const limitMs = options.syncLimitMsPerRepo ?? SYNC_LIMIT_MS_PER_REPO
  const plan = { ...(window ? { window } : {}), ...(agents ? { agents } : {}) }
  const outcomes = new Array<RepoOutcome>(roster.length)
  let next = 0
  // Synchronous batches while they stay fast; 0 skips them.
  while (limitMs > 0 && next < roster.length) {
    const start = performance.now()
    const end = Math.min(roster.length, next + SYNC_BATCH)
    const first = next
    for (; next < end; next++) {
      outcomes[next] = examineRepoSync(roster[next] as RosterRepo, host, plan)
      onProgress?.(next + 1, roster.length)
    }
    if ((performance.now() - start) / (end - first) > limitMs) break
    // A turn of the event loop between batches, so timers and signals are not starved.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  if (next < roster.length) {
    const offset = next
    const rest = await mapBounded(
      roster.slice(offset),
      concurrency,
      (entry) => examineRepo(entry, host, plan),
      onProgress && ((done) => onProgress(offset + done, roster.length)),
    )
    rest.forEach((outcome, index) => {
      outcomes[offset + index] = outcome
    })
  }
  const document = assembleScheduledRuns(outcomes, window)
  const violation = contractViolation('scheduled-runs', document, validateScheduledRuns)
  if (violation) return { ok: false, error: violation }
  return { ok: true, document }
}
