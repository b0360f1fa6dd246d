/** The JSON rendering of `schedule prepare <agent> --format json`. */
import Type, { type Static } from 'typebox'
import {
  AbsolutePath,
  ByteCount,
  Cadence,
  Command,
  defineContract,
  RepoSlug,
  ScheduleDay,
  Slug,
  TimeOfDay,
  Timestamp,
  Timezone,
} from './common.ts'
import { BUNDLE_FORMATS } from './constants.ts'

export { BUNDLE_FORMATS } from './constants.ts'

/** The kinds of section a bundle holds, in the order they are rendered. */
export const SECTION_KINDS = ['agent_prompt', 'memory', 'metrics', 'optimizer_analysis', 'pointer'] as const

/** The rendering a bundle was printed in. */
export const BundleFormat = Type.Enum(BUNDLE_FORMATS, {
  type: 'string',
  description: 'Rendering of the bundle: markdown or json.',
})

/** Size of the rendered bundle in bytes (UTF-8), exactly what was printed. */
export const BundleBytes = ByteCount('Size in bytes (UTF-8) of the rendered bundle, exactly as printed.')

/**
 * What the bundle found. The `kaizen.schedule.prepared` event composes these same
 * properties into its `bundle` object, so the two cannot drift apart.
 */
export const BundleFlags = Type.Object({
  agent_prompt_found: Type.Boolean({ description: 'Whether the agent prompt file was found.' }),
  has_memory: Type.Boolean({ description: 'Whether the agent memory file was found.' }),
  has_metrics: Type.Boolean({ description: 'Whether at least one valid execution record was found.' }),
  pointers: Type.Array(Slug('A pointer label.'), {
    uniqueItems: true,
    description: 'Labels of the repo pointers that were found and bundled.',
  }),
})

/** One section of the bundle. */
export const BundleSection = Type.Object(
  {
    kind: Type.Enum(SECTION_KINDS, { type: 'string', description: 'What the section holds.' }),
    label: Slug('Section label: the kind, or the pointer label for pointers.'),
    path: Type.String({ minLength: 1, description: 'Repo-relative path that was read, or the first one looked for.' }),
    found: Type.Boolean({ description: 'Whether the file was found and read.' }),
    content: Type.String({ description: 'The section body (empty when not found).' }),
    truncated_bytes: ByteCount('Bytes cut from the body to fit the budget; 0 when whole.'),
  },
  { description: 'One section of the bundle.' },
)

/** The metrics summary computed from the agent's execution records. */
export const MetricsSummary = Type.Object(
  {
    runs: Type.Integer({ minimum: 0, description: 'Number of valid execution records.' }),
    successes: Type.Integer({ minimum: 0, description: 'Records with success: true.' }),
    success_rate: Type.Number({ minimum: 0, maximum: 1, description: 'successes / runs (0 when there are no runs).' }),
    mean_quality: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Mean quality over all runs.' })),
    mean_time_s: Type.Optional(Type.Number({ minimum: 0, description: 'Mean session time in seconds.' })),
    last_run_at: Type.Optional(Timestamp('recorded_at of the most recent record.')),
    malformed_lines: Type.Integer({
      minimum: 0,
      description: 'Lines that were not valid execution records and were skipped.',
    }),
    optimizer_headline: Type.Optional(
      Type.String({ description: 'Headline of `.kaizen/metrics/optimizer/analysis.json`, when present.' }),
    ),
  },
  { description: 'Summary of the agent execution records.' },
)

/** The prepared bundle. */
export const PreparedBundle = defineContract(
  {
    name: 'prepared-bundle',
    version: '1.0.0',
    direction: 'output',
    title: 'kaizen-agentic prepared bundle',
    description: 'The JSON output of `kaizen-agentic schedule prepare <agent> --format json`.',
    purpose:
      'An offline orientation bundle for one scheduled agent run: the agent prompt, its memory, a metrics summary and the repo pointers, with flags saying what was found. A runner feeds it to whatever LLM runtime it uses.',
  },
  Type.Object({
    repo: RepoSlug('State-hub slug of the repo, or its directory name.'),
    root: AbsolutePath('Absolute path of the repo checkout.'),
    agent: Slug('Agent the bundle orients.'),
    cadence: Cadence('Cadence of the agent in the manifest.'),
    day: Type.Optional(ScheduleDay('Scheduled day, when the manifest sets one.')),
    time: Type.Optional(TimeOfDay('Scheduled time of day, when the manifest sets one.')),
    timezone: Timezone('Time zone of the manifest (UTC by default).'),
    prepared_at: Timestamp('When the bundle was assembled (RFC 3339).'),
    prepare_command: Command('The exact command that reproduces this bundle.'),
    ...BundleFlags.properties,
    bytes: BundleBytes,
    max_bytes: ByteCount('The byte budget the bundle was rendered under.'),
    sections: Type.Array(BundleSection, { description: 'The bundle sections, in render order.' }),
    metrics: Type.Optional(MetricsSummary),
    warnings: Type.Array(Type.String(), {
      description: 'Things the operator should know: refused paths, malformed records, truncations.',
    }),
    session_close: Type.Array(Command('A close command.'), {
      description: 'Commands to run when the agent session closes.',
    }),
  }),
)

/** The prepared bundle. */
export type PreparedBundle = Static<typeof PreparedBundle.schema>
/** The flags of a prepared bundle. */
export type BundleFlags = Static<typeof BundleFlags>
/** One bundle section. */
export type BundleSection = Static<typeof BundleSection>
/** The metrics summary. */
export type MetricsSummary = Static<typeof MetricsSummary>
