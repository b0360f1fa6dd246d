/**
 * The pure parts of the resolver's rules: what the roster entry alone decides
 * (rules 1 and 2), and the runs a valid manifest yields (the last rule).
 */
import type { RosterRepo } from '../../contracts/roster.ts'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import type { ScheduledRun, SkippedRepo, SkipReason } from '../../contracts/scheduled-runs.ts'
import { prepareCommandLine } from '../command-lines/command-lines.ts'
import { resolveAgents } from '../manifest/resolve.ts'

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
 * The last rule: one run per enabled agent of a valid manifest, in agent order.
 * `day`, `time` and `timezone` appear only when the manifest writes them, so a
 * consumer can tell a chosen value from a default.
 */
export function runsOf(repo: string, host: string, root: string, manifest: ScheduleManifest): ScheduledRun[] {
  return resolveAgents(manifest)
    .filter((agent) => agent.enabled)
    .map(({ agent, cadence, hasTimezone, timezone }) => {
      const entry = manifest.agents[agent]
      return {
        repo,
        host,
        root,
        agent,
        cadence,
        ...(entry?.day === undefined ? {} : { day: entry.day }),
        ...(entry?.time === undefined ? {} : { time: entry.time }),
        ...(hasTimezone ? { timezone } : {}),
        prepare_command: prepareCommandLine({ agent, root }),
      }
    })
}
