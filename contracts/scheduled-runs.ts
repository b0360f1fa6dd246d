/** `context.scheduled_runs`: the output of the `discover_kaizen_scheduled_repos` resolver. */
import Type, { type Static } from 'typebox'
import {
  AbsolutePath,
  Cadence,
  Command,
  defineContract,
  RepoSlug,
  RunId,
  ScheduleDay,
  Slug,
  TimeOfDay,
  Timestamp,
  Timezone,
} from './common.ts'

/** Why a roster repo produced no runs, in the order the resolver checks. */
export const SKIP_REASONS = [
  'disabled_by_hub',
  'not_on_host',
  'unreachable',
  'not_opted_in',
  'invalid_manifest',
  'no_enabled_agents',
] as const

/** One (repo, agent) pair to run; with a window, one occurrence of it. */
export const ScheduledRun = Type.Object(
  {
    repo: RepoSlug('State-hub slug of the repo.'),
    host: Type.String({ minLength: 1, description: 'Host the run was resolved for.' }),
    root: AbsolutePath('Absolute checkout path on that host.'),
    agent: Slug('Agent to run.'),
    cadence: Cadence('Cadence of the agent.'),
    day: Type.Optional(ScheduleDay('Scheduled day, when the manifest sets one.')),
    time: Type.Optional(TimeOfDay('Scheduled time of day, when the manifest sets one.')),
    timezone: Type.Optional(Timezone('Time zone of the manifest, when it sets one.')),
    prepare_command: Command('Exact, shell-quoted command that prepares the bundle for this run.'),
    due_at: Type.Optional(
      Timestamp(
        'With a window (`discover --from`): the instant this occurrence is due, in UTC (`…Z`), from the manifest day, time and time zone.',
      ),
    ),
    run_id: Type.Optional(
      RunId(
        'With a window: `<repo>.<agent>.<due_at as YYYYMMDDTHHMMZ>`, the same on every host and every call; safe as a Temporal workflow id, so a retried tick cannot start a run twice.',
      ),
    ),
  },
  { description: 'One (repo, agent) pair to run; with a window, one occurrence of it.' },
)

/** A roster repo that produced no runs, and why. */
export const SkippedRepo = Type.Object(
  {
    repo: RepoSlug('State-hub slug of the repo.'),
    reason: Type.Enum(SKIP_REASONS, { type: 'string', description: 'Machine-readable reason the repo was skipped.' }),
    detail: Type.String({ description: 'Human-readable detail (for invalid_manifest, the located errors).' }),
    root: Type.Optional(AbsolutePath('Checkout path that was examined, when there was one.')),
  },
  { description: 'A roster repo that produced no runs, and why.' },
)

/** The window `(from, to]` the runs were resolved for. */
export const DueWindow = Type.Object(
  {
    from: Timestamp('Start of the window, exclusive, in UTC.'),
    to: Timestamp('End of the window, inclusive, in UTC.'),
  },
  { description: 'With `--from`: the half-open window `(from, to]` whose occurrences are listed.' },
)

/** The resolver output. */
export const ScheduledRuns = defineContract(
  {
    name: 'scheduled-runs',
    version: '2.0.0',
    direction: 'output',
    title: 'kaizen scheduled runs',
    description:
      'Output of `discover_kaizen_scheduled_repos` (`kaizen-agentic schedule discover`): `context.scheduled_runs` plus the skipped repos.',
    purpose:
      'activity-core ActivityDefinitions `for_each` over `scheduled_runs`. Without a window, one entry per (repo, enabled agent) on one host. With a window (`discover --from T1 --to T2`), one entry per occurrence due in `(T1, T2]`, each with `due_at` and a deterministic `run_id`. Repos that produced no run are listed in `skipped` with a machine-readable reason (`no_enabled_agents` when every agent is disabled). Runs are ordered by repo slug, agent, then `due_at`; skipped repos by slug.',
  },
  Type.Object({
    window: Type.Optional(DueWindow),
    scheduled_runs: Type.Array(ScheduledRun, {
      description: 'Runs to execute, ordered by repo slug, then agent, then due_at.',
    }),
    skipped: Type.Array(SkippedRepo, { description: 'Roster repos that produced no runs, ordered by repo slug.' }),
  }),
)

/** The resolver output document. */
export type ScheduledRuns = Static<typeof ScheduledRuns.schema>
/** One scheduled run. */
export type ScheduledRun = Static<typeof ScheduledRun>
/** One skipped repo. */
export type SkippedRepo = Static<typeof SkippedRepo>
/** The due window of a windowed resolution. */
export type DueWindow = Static<typeof DueWindow>
/** A skip reason. */
export type SkipReason = (typeof SKIP_REASONS)[number]
