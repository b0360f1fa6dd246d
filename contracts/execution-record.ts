/** One line of an agent's metrics log (ADR-004 execution record). */
import Type, { type Static } from 'typebox'
import { defineContract, RunId, Slug, Timestamp } from './common.ts'

/**
 * The fields of one record. `metrics show` composes these same properties into its list
 * of recent runs, so the two cannot drift apart.
 */
export const ExecutionRecordFields = Type.Object({
  agent: Slug('Agent that ran.'),
  success: Type.Boolean({ description: 'Whether the session reached its goal.' }),
  time_s: Type.Number({ minimum: 0, description: 'Wall time of the session in seconds.' }),
  // Optional since 1.1.0: `metrics record` takes `--quality` only when someone assessed it,
  // rather than inventing a number; the summary averages the records that carry one.
  quality: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, description: 'Self- or reviewer-assessed quality, 0..1, when assessed.' }),
  ),
  recorded_at: Timestamp('When the record was written (RFC 3339).'),
  helix_session_uid: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'Helix Forge session id, for fleet correlation (`HELIX_SESSION_UID`).',
    }),
  ),
  tokens: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Tokens the session used, when known (`--tokens`, else `HELIX_TOKENS`).' }),
  ),
  run_id: Type.Optional(
    RunId('The scheduled run this session closes (`--run-id`), as `discover` and `prepare` name it.'),
  ),
  helix_repo: Type.Optional(
    Type.String({ minLength: 1, maxLength: 256, description: 'Helix Forge repo of the session (`HELIX_REPO`).' }),
  ),
  helix_flavor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'Helix Forge session flavor (`HELIX_FLAVOR`).' }),
  ),
  helix_infra_overhead_share: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Share of the session cost that was infrastructure overhead, 0..1 (`HELIX_INFRA_OVERHEAD_SHARE`).',
    }),
  ),
})

/** One execution record, as written by `kaizen-agentic metrics record`. */
export const ExecutionRecord = defineContract(
  {
    name: 'execution-record',
    version: '1.1.0',
    direction: 'input',
    title: 'kaizen agent execution record',
    description: 'One JSON line of `.kaizen/metrics/<agent>.jsonl`: the outcome of one agent session.',
    purpose:
      'Each agent session appends one record to `.kaizen/metrics/<agent>.jsonl` when it closes (`kaizen-agentic metrics record`). `prepare` and `metrics show` summarise these (runs, success rate, mean quality and time, last run); a line that does not match is reported and skipped.',
    fileMatch: ['.kaizen/metrics/*.jsonl'],
  },
  Type.Object({ ...ExecutionRecordFields.properties }),
)

/** One execution record. */
export type ExecutionRecord = Static<typeof ExecutionRecord.schema>
