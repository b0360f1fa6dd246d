/** What `schedule list` shows: every agent with defaults applied and its next run, as of a given instant. */
import type { ScheduleList, ScheduleListEntry } from '../../contracts/schedule-list.ts'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import { type ResolvedAgent, resolveAgents } from '../manifest/resolve.ts'
import { cronExpressionOf } from './cron.ts'
import { toZonedRfc3339 } from './local-time.ts'
import { nextRunAfter } from './next-run.ts'

/** Lists one agent as of `now`; a disabled agent has no next run. */
export function listAgent(agent: ResolvedAgent, now: Date): ScheduleListEntry {
  const cron = cronExpressionOf(agent)
  const nextRun = agent.enabled ? nextRunAfter(agent, now) : undefined
  return {
    agent: agent.agent,
    cadence: agent.cadence,
    ...(agent.effectiveDay === undefined ? {} : { day: agent.effectiveDay }),
    time: agent.effectiveTime,
    timezone: agent.timezone,
    enabled: agent.enabled,
    cron,
    next_run: nextRun ? toZonedRfc3339(nextRun, agent.timezone) : null,
  }
}

/** The `schedule-list` document of a valid manifest, as of `now` (pure: the caller passes the clock). */
export function listSchedule(manifest: ScheduleManifest, file: string, now: Date): ScheduleList {
  return {
    file,
    as_of: now.toISOString(),
    agents: resolveAgents(manifest).map((agent) => listAgent(agent, now)),
  }
}
