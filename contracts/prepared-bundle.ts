/** The JSON rendering of `schedule prepare <agent> --format json`. */
import Type, { type Static } from 'typebox'
import {
  AbsolutePath,
  ByteCount,
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

/** Success and quality over the most recent runs, against the runs before them. */
export const MetricsTrend = Type.Object(
  {
    window: Type.Integer({ minimum: 1, description: 'How many of the most recent runs the trend looks at.' }),
    recent_success_rate: Type.Number({ minimum: 0, maximum: 1, description: 'Success rate over the recent runs.' }),
    recent_mean_quality: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'Mean quality over the recent runs that rated one; absent when none did.',
      }),
    ),
    previous_success_rate: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'Success rate over the runs before them, when there are any.',
      }),
    ),
    previous_mean_quality: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'Mean quality over the runs before them that rated one, when there are any.',
      }),
    ),
    direction: Type.String({
      minLength: 1,
      description:
        'improving, declining, steady, or new (no earlier runs to compare with); a word for the reader, not an enum to switch on.',
    }),
  },
  { description: 'The trend over the most recent runs (ordered by recorded_at).' },
)

/** The most recent failed run. */
export const LastFailure = Type.Object(
  {
    recorded_at: Timestamp('recorded_at of the most recent failed run.'),
    quality: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Its quality, when it was rated.' })),
    time_s: Type.Number({ minimum: 0, description: 'Its session time in seconds.' }),
    runs_since: Type.Integer({ minimum: 0, description: 'Runs recorded after it.' }),
  },
  { description: 'The most recent run with success: false.' },
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
    trend: Type.Optional(MetricsTrend),
    last_failure: Type.Optional(LastFailure),
    recommendations: Type.Optional(
      Type.Array(Type.String({ description: 'One recommendation, one line, bounded.' }), {
        description:
          "The optimizer analysis's recommendations, summarised: the first few, one line each; the rest are counted in `recommendations_omitted`.",
      }),
    ),
    recommendations_omitted: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Recommendations of the analysis not listed.' }),
    ),
  },
  { description: 'Summary of the agent execution records.' },
)

/** Tokens of the printed bundle, counted with the named encoding. */
export const BundleTokens = Type.Integer({
  minimum: 0,
  description: 'Tokens of the rendered bundle, exactly as printed, counted with `tokenizer` (present when counted).',
})

/** Secrets found in the bundled text and replaced by a `[REDACTED:<rule>]` marker. */
export const BundleRedactions = Type.Integer({
  minimum: 0,
  description: 'Secrets found in the bundled text by the scanner and replaced by a [REDACTED:<rule>] marker.',
})

/** One cut the budget made. */
export const BundleCut = Type.Object(
  {
    section: Slug('Label of the section that was cut.'),
    path: Type.String({ minLength: 1, description: 'Repo-relative path of the file the section holds.' }),
    from: Type.Enum(['start', 'end'], {
      type: 'string',
      description: 'Where the text was removed: the start (oldest memory first) or the end.',
    }),
    cut_bytes: ByteCount('Bytes of the file left out.'),
    total_bytes: ByteCount('Size of the whole file in bytes.'),
  },
  { description: 'A cut made to fit the budget; a marker stands in the section where the text was removed.' },
)

/** The prepared bundle. */
export const PreparedBundle = defineContract(
  {
    name: 'prepared-bundle',
    version: '1.1.0',
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
    run_id: Type.Optional(RunId('The scheduled run this bundle prepares (`prepare --run-id`).')),
    ...BundleFlags.properties,
    bytes: BundleBytes,
    max_bytes: ByteCount('The byte budget the bundle was rendered under.'),
    tokens: Type.Optional(BundleTokens),
    tokenizer: Type.Optional(
      Type.String({ minLength: 1, description: 'Encoding the tokens were counted with, e.g. o200k_base.' }),
    ),
    max_tokens: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The token budget the bundle was rendered under, when one was given.' }),
    ),
    redactions: Type.Optional(BundleRedactions),
    cuts: Type.Optional(
      Type.Array(BundleCut, {
        description: 'Every cut the budget made, in section order; pointers are cut first, the agent prompt last.',
      }),
    ),
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
/** One cut of the budget. */
export type BundleCut = Static<typeof BundleCut>
/** The metrics summary. */
export type MetricsSummary = Static<typeof MetricsSummary>
