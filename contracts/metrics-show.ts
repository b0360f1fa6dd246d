/** The machine-readable output of `kaizen-agentic metrics show AGENT --format json`. */
import Type, { type Static } from 'typebox'
import { AbsolutePath, defineContract, RelativePath, Slug } from './common.ts'
import { ExecutionRecordFields } from './execution-record.ts'
import { MetricsSummary } from './prepared-bundle.ts'

/** The metrics of one agent: the bundle's summary and the most recent records. */
export const MetricsShow = defineContract(
  {
    name: 'metrics-show',
    version: '1.0.0',
    direction: 'output',
    title: 'kaizen-agentic metrics show',
    description: 'The JSON output of `kaizen-agentic metrics show <agent> --format json`.',
    purpose:
      "How an agent has been doing, for scripts and dashboards: the same metrics summary a prepared bundle carries (the prepared-bundle contract's `MetricsSummary`, composed rather than copied, computed by the same function), plus the most recent execution records, newest first.",
  },
  Type.Object({
    root: AbsolutePath('Absolute path of the repo checkout.'),
    agent: Slug('Agent the metrics belong to.'),
    file: RelativePath('The execution-record log that was read, relative to the root.'),
    found: Type.Boolean({ description: 'Whether the log exists (and could be read).' }),
    summary: MetricsSummary,
    recent: Type.Array(Type.Object(ExecutionRecordFields.properties, { description: 'One execution record.' }), {
      description:
        'The most recent valid records (at most `--last`), newest first (the reverse of the order they were appended).',
    }),
    warnings: Type.Array(Type.String(), {
      description: 'Malformed lines that were skipped, a refused or truncated log, an unreadable optimizer analysis.',
    }),
  }),
)

/** The `metrics show` document. */
export type MetricsShow = Static<typeof MetricsShow.schema>
