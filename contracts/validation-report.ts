/** The machine-readable report of `schedule validate --format json` (and every located diagnostic). */
import Type, { type Static } from 'typebox'
import { defineContract } from './common.ts'

/** How serious a diagnostic is. */
export const SEVERITIES = ['error', 'warning'] as const

/**
 * One located problem, in JSON Schema's own vocabulary (Ajv's `ErrorObject`) plus
 * where it is in the source file. The runtime, `--format json` and test snapshots
 * all use this one shape.
 */
export const Diagnostic = Type.Object(
  {
    file: Type.String({ description: 'Path of the file, as given on the command line or relative to the target.' }),
    line: Type.Integer({ minimum: 1, description: 'Line of the problem, 1-based.' }),
    column: Type.Integer({ minimum: 1, description: 'Column of the problem, 1-based.' }),
    path: Type.String({ description: 'JSON Pointer of the offending value (empty for the whole document).' }),
    keyword: Type.String({
      minLength: 1,
      description:
        'The JSON Schema keyword that failed (`required`, `enum`, …) or the rule checked in code (`yaml-syntax`, `duplicate-key`, `timezone`, `day-cadence`, …).',
    }),
    severity: Type.Enum(SEVERITIES, { type: 'string', description: 'error fails validation; warning does not.' }),
    message: Type.String({ minLength: 1, description: 'What was expected, in words a person can act on.' }),
    suggestion: Type.Optional(Type.String({ description: 'The closest valid key, for an unknown key.' })),
  },
  { description: 'One located problem.' },
)

/** The report of validating one manifest. */
export const ValidationReport = defineContract(
  {
    name: 'validation-report',
    version: '1.0.0',
    direction: 'output',
    title: 'kaizen-agentic validation report',
    description: 'The JSON output of `kaizen-agentic schedule validate --format json`.',
    purpose:
      'Machines (editors, CI annotations, activity-core) read this instead of parsing the human rendering. Every diagnostic names the file, line, column, JSON Pointer and keyword; errors are sorted by position.',
  },
  Type.Object({
    file: Type.String({ description: 'The manifest that was validated.' }),
    valid: Type.Boolean({ description: 'True when there is no error (warnings allowed).' }),
    diagnostics: Type.Array(Diagnostic, { description: 'Every problem found, sorted by line and column.' }),
  }),
)

/** One located problem. */
export type Diagnostic = Static<typeof Diagnostic>
/** The validation report. */
export type ValidationReport = Static<typeof ValidationReport.schema>
