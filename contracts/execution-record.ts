/** One line of an agent's metrics log (ADR-004 execution record). */
import Type, { type Static } from 'typebox'
import { defineContract, Slug, Timestamp } from './common.ts'

/** One execution record, as written by `kaizen-agentic metrics record`. */
export const ExecutionRecord = defineContract(
  {
    name: 'execution-record',
    version: '1.0.0',
    direction: 'input',
    title: 'kaizen agent execution record',
    description: 'One JSON line of `.kaizen/metrics/<agent>.jsonl`: the outcome of one agent session.',
    purpose:
      'Each agent session appends one record to `.kaizen/metrics/<agent>.jsonl` when it closes. `prepare` summarises these (runs, success rate, mean quality and time, last run); a line that does not match is reported and skipped.',
    fileMatch: ['.kaizen/metrics/*.jsonl'],
  },
  Type.Object({
    agent: Slug('Agent that ran.'),
    success: Type.Boolean({ description: 'Whether the session reached its goal.' }),
    time_s: Type.Number({ minimum: 0, description: 'Wall time of the session in seconds.' }),
    quality: Type.Number({ minimum: 0, maximum: 1, description: 'Self- or reviewer-assessed quality, 0..1.' }),
    recorded_at: Timestamp('When the record was written (RFC 3339).'),
    helix_session_uid: Type.Optional(
      Type.String({ minLength: 1, maxLength: 256, description: 'Helix Forge session id, for fleet correlation.' }),
    ),
    tokens: Type.Optional(Type.Integer({ minimum: 0, description: 'Tokens the session used, when known.' })),
  }),
)

/** One execution record. */
export type ExecutionRecord = Static<typeof ExecutionRecord.schema>
