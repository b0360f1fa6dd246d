/** Assembling the scheduled-runs document from per-repo outcomes: ordering is part of the contract. */
import type { ScheduledRun, ScheduledRuns, SkippedRepo } from '../../contracts/scheduled-runs.ts'
import type { RepoOutcome } from './rules.ts'
import { type DueWindow, utcTimestamp } from './window.ts'

/**
 * Ordinal (code-point) comparison: the same order in every locale and in a Python
 * port's `sorted()`; slugs and agent names are ASCII, so code units are code points.
 */
export const compareOrdinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** due_at is UTC RFC 3339 of one fixed shape, so text order is time order. */
const byRepoThenAgent = (a: ScheduledRun, b: ScheduledRun): number =>
  compareOrdinal(a.repo, b.repo) || compareOrdinal(a.agent, b.agent) || compareOrdinal(a.due_at ?? '', b.due_at ?? '')

const byRepo = (a: SkippedRepo, b: SkippedRepo): number => compareOrdinal(a.repo, b.repo)

/** The document: runs ordered by repo slug, agent, due_at; skipped repos by slug; the window when given. */
export function assembleScheduledRuns(outcomes: readonly RepoOutcome[], window?: DueWindow): ScheduledRuns {
  const runs: ScheduledRun[] = []
  const skipped: SkippedRepo[] = []
  for (const outcome of outcomes) {
    if (outcome.kind === 'runs') runs.push(...outcome.runs)
    else skipped.push(outcome.skipped)
  }
  return {
    ...(window ? { window: { from: utcTimestamp(window.from), to: utcTimestamp(window.to) } } : {}),
    scheduled_runs: runs.sort(byRepoThenAgent),
    skipped: skipped.sort(byRepo),
  }
}
