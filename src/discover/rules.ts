/**
 * The pure parts of the resolver's rules: what the roster entry alone decides
 * (rules 1 and 2), and the runs a valid manifest yields (the last rule).
 */
import type { RosterRepo } from '../../contracts/roster.ts'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import type { ScheduledRun, SkippedRepo, SkipReason } from '../../contracts/scheduled-runs.ts'
import { prepareCommandForRun } from '../command-lines/command-lines.ts'
import { resolveAgents } from '../manifest/resolve.ts'
import { occurrencesBetween } from '../schedule/occurrences.ts'
import { type DueWindow, runIdOf, utcTimestamp } from './window.ts'

/** What to resolve beyond the roster and host: an optional due window and agent filter. */
export interface RunPlan {
  /** With a window: one run per occurrence due in `(from, to]`, with due_at and run_id. */
  readonly window?: DueWindow
  /** Only these agents (`--agent`, repeatable); all when absent. */
  readonly agents?: ReadonlySet<string>
}

/** What one roster entry yields: its runs (possibly none: every agent disabled), or why it was skipped. */
export type RepoOutcome =
  | { readonly kind: 'runs'; readonly runs: readonly ScheduledRun[] }
  | { readonly kind: 'skipped'; readonly skipped: SkippedRepo }

/** A skip outcome; `root` is given once the entry names a checkout on this host. */
export function skip(repo: string, reason: SkipReason, detail: string, root?: string): RepoOutcome {
  return { kind: 'skipped', skipped: { repo, reason, detail, ...(root === undefined ? {} : { root }) } }
}

/**
 * Rules 1 and 2, decided by the roster entry alone: the hub's opt-out, then whether
 * this host has a checkout. Returns the skip, or the checkout path to examine.
 */
export function checkoutOf(entry: RosterRepo, host: string): { readonly root: string } | RepoOutcome {
  if (entry.kaizen_schedule_enabled === false)
    return skip(entry.slug, 'disabled_by_hub', 'kaizen_schedule_enabled is false')
  const root = Object.hasOwn(entry.host_paths, host) ? entry.host_paths[host] : undefined
  if (root === undefined) {
    const hosts = Object.keys(entry.host_paths).sort()
    const known = hosts.length === 0 ? 'it has no host_paths' : `it has host_paths for ${hosts.join(', ')}`
    return skip(entry.slug, 'not_on_host', `no host_paths entry for host ${JSON.stringify(host)}; ${known}`)
  }
  return { root }
}

/**
 * The last rule: one run per enabled agent of a valid manifest, in agent order, or,
 * with a window, one per occurrence due in it (agent, then due_at order). A manifest
 * whose agents are all disabled is skipped as `no_enabled_agents`; an agent filter or a
 * window without occurrences simply yields no runs. `day`, `time` and `timezone` appear
 * only when the manifest writes them, so a consumer can tell a chosen value from a default.
 */
export function runsOf(
  repo: string,
  host: string,
  root: string,
  manifest: ScheduleManifest,
  plan: RunPlan = {},
): RepoOutcome {
  const agents = resolveAgents(manifest)
  const enabled = agents.filter((agent) => agent.enabled)
  if (enabled.length === 0) {
    return skip(
      repo,
      'no_enabled_agents',
      `every agent is enabled: false (${agents.map((a) => a.agent).join(', ')})`,
      root,
    )
  }
  const runs: ScheduledRun[] = []
  for (const resolved of enabled) {
    const { agent, cadence, hasTimezone, timezone } = resolved
    if (plan.agents && !plan.agents.has(agent)) continue
    const entry = manifest.agents[agent]
    const run: ScheduledRun = {
      repo,
      host,
      root,
      agent,
      cadence,
      ...(entry?.day === undefined ? {} : { day: entry.day }),
      ...(entry?.time === undefined ? {} : { time: entry.time }),
      ...(hasTimezone ? { timezone } : {}),
      prepare_command: prepareCommandForRun({ agent, root, repo }),
    }
    if (!plan.window) {
      runs.push(run)
      continue
    }
    for (const due of occurrencesBetween(resolved, plan.window.from, plan.window.to)) {
      runs.push({ ...run, due_at: utcTimestamp(due), run_id: runIdOf(repo, agent, due) })
    }
  }
  return { kind: 'runs', runs }
}
