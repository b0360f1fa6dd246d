/** `context.scheduled_runs`: the output of the `discover_kaizen_scheduled_repos` resolver. */
import Type, { type Static } from 'typebox'
import {
  AbsolutePath,
  Cadence,
  Command,
  defineContract,
  RepoSlug,
  ScheduleDay,
  Slug,
  TimeOfDay,
  Timezone,
} from './common.ts'

/** Why a roster repo produced no runs, in the order the resolver checks. */
export const SKIP_REASONS = [
  'disabled_by_hub',
  'not_on_host',
  'unreachable',
  'not_opted_in',
  'invalid_manifest',
] as const

/** One (repo, agent) pair to run. */
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
  },
  { description: 'One (repo, agent) pair to run.' },
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

/** The resolver output. */
export const ScheduledRuns = defineContract(
  {
    name: 'scheduled-runs',
    version: '1.0.0',
    direction: 'output',
    title: 'kaizen scheduled runs',
    description:
      'Output of `discover_kaizen_scheduled_repos` (`kaizen-agentic schedule discover`): `context.scheduled_runs` plus the skipped repos.',
    purpose:
      'activity-core ActivityDefinitions `for_each` over `scheduled_runs`, one entry per (repo, enabled agent) on one host. Repos that produced no run are listed in `skipped` with a machine-readable reason. Both lists are ordered by repo slug, then agent.',
  },
  Type.Object({
    scheduled_runs: Type.Array(ScheduledRun, { description: 'Runs to execute, ordered by repo slug then agent.' }),
    skipped: Type.Array(SkippedRepo, { description: 'Roster repos that produced no runs, ordered by repo slug.' }),
  }),
)

/** The resolver output document. */
export type ScheduledRuns = Static<typeof ScheduledRuns.schema>
/** One scheduled run. */
export type ScheduledRun = Static<typeof ScheduledRun>
/** One skipped repo. */
export type SkippedRepo = Static<typeof SkippedRepo>
/** A skip reason. */
export type SkipReason = (typeof SKIP_REASONS)[number]
