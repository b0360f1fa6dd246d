/**
 * Pure summaries of an agent's metrics: execution-record lines → `MetricsSummary`
 * (each line checked against the execution-record contract; anything else is counted
 * and skipped), and the headline of the optimizer's `analysis.json`.
 */
import type { ExecutionRecord } from '../../contracts/execution-record.ts'
import type { MetricsSummary } from '../../contracts/prepared-bundle.ts'
import validateExecutionRecord from '../../generated/validators/execution-record.ts'
import { validationErrors } from '../schema/validation-errors.ts'

/** A summary and what was wrong with the lines it skipped (one message per malformed line). */
export interface MetricsDigest {
  readonly summary: MetricsSummary
  readonly problems: readonly string[]
}

/** Longest optimizer headline kept; a headline is one line, not a report. */
export const MAX_HEADLINE_LENGTH = 240

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** Why a parsed line is not an execution record of `agent`, or undefined when it is one. */
function recordProblem(data: unknown, agent: string): string | undefined {
  const errors = validationErrors(validateExecutionRecord, data)
  const first = errors[0]
  if (first) return `${first.instancePath || 'the record'} ${first.message ?? 'is invalid'}`
  const recorded = (data as ExecutionRecord).agent
  return recorded === agent ? undefined : `the record is for agent '${recorded}', not '${agent}'`
}

/** Summarises the JSON lines of `.kaizen/metrics/<agent>.jsonl`; blank lines are ignored. */
export function summariseExecutionRecords(text: string, agent: string): MetricsDigest {
  const records: ExecutionRecord[] = []
  const problems: string[] = []
  const lines = text.split('\n')
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch {
      problems.push(`line ${index + 1}: not valid JSON`)
      return
    }
    const problem = recordProblem(data, agent)
    if (problem) problems.push(`line ${index + 1}: ${problem}`)
    else records.push(data as ExecutionRecord)
  })
  const runs = records.length
  const successes = records.filter((r) => r.success).length
  const summary: MetricsSummary = {
    runs,
    successes,
    success_rate: runs === 0 ? 0 : round(successes / runs, 4),
    ...(runs === 0
      ? {}
      : {
          mean_quality: round(records.reduce((sum, r) => sum + r.quality, 0) / runs, 4),
          mean_time_s: round(records.reduce((sum, r) => sum + r.time_s, 0) / runs, 2),
          last_run_at: latest(records),
        }),
    malformed_lines: problems.length,
  }
  return { summary, problems }
}

/** `recorded_at` of the most recent record, compared as instants (offsets differ). */
function latest(records: readonly ExecutionRecord[]): string {
  let best = records[0] as ExecutionRecord
  for (const record of records) {
    if (Date.parse(record.recorded_at) > Date.parse(best.recorded_at)) best = record
  }
  return best.recorded_at
}

/** The headline of an optimizer analysis, or why there is none. */
export type OptimizerHeadline = { readonly headline: string } | { readonly problem: string }

/** Reads the headline (`headline`, else `summary`) of `analysis.json` text: its first line, bounded. */
export function optimizerHeadline(text: string): OptimizerHeadline {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { problem: 'analysis.json is not valid JSON' }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problem: 'analysis.json is not a JSON object' }
  }
  const record = data as Record<string, unknown>
  const candidate = [record.headline, record.summary].find((v): v is string => typeof v === 'string' && v.trim() !== '')
  if (candidate === undefined) return { problem: 'analysis.json has no headline or summary string' }
  // Code points, not UTF-16 units, so a cut never splits a surrogate pair.
  const firstLine = [...(candidate.trim().split('\n')[0]?.trim() ?? '')]
  return {
    headline:
      firstLine.length > MAX_HEADLINE_LENGTH
        ? `${firstLine.slice(0, MAX_HEADLINE_LENGTH - 1).join('')}…`
        : firstLine.join(''),
  }
}

/** The metrics section body: one bullet per figure, in the words a reader expects. */
export function describeMetrics(summary: MetricsSummary): string {
  const percent = Math.round(summary.success_rate * 100)
  const lines = [
    `- Runs: ${summary.runs} (${summary.successes} succeeded, ${percent}% success rate)`,
    ...(summary.mean_quality === undefined ? [] : [`- Mean quality: ${summary.mean_quality}`]),
    ...(summary.mean_time_s === undefined ? [] : [`- Mean time: ${summary.mean_time_s} s`]),
    ...(summary.last_run_at === undefined ? [] : [`- Last run: ${summary.last_run_at}`]),
    ...(summary.malformed_lines === 0 ? [] : [`- Malformed lines skipped: ${summary.malformed_lines}`]),
    ...(summary.optimizer_headline === undefined ? [] : [`- Optimizer: ${summary.optimizer_headline}`]),
  ]
  return `${lines.join('\n')}\n`
}
