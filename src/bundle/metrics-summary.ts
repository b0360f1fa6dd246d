/**
 * Pure summaries of an agent's metrics: execution-record lines → `MetricsSummary`
 * (each line checked against the execution-record contract; anything else is counted
 * and skipped), and the headline of the optimizer's `analysis.json`.
 */
import type { ExecutionRecord } from '../../contracts/execution-record.ts'
import type { MetricsSummary } from '../../contracts/prepared-bundle.ts'
import validateExecutionRecord from '../../generated/validators/execution-record.ts'
import { checkDocument, problemText } from '../schema/check.ts'

/** A summary and what was wrong with the lines it skipped (one message per malformed line). */
export interface MetricsDigest {
  readonly summary: MetricsSummary
  readonly problems: readonly string[]
  /** The valid records, in file order (`metrics show` lists the recent ones). */
  readonly records: readonly ExecutionRecord[]
}

/** Longest optimizer headline kept; a headline is one line, not a report. */
export const MAX_HEADLINE_LENGTH = 240

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits
  // 1e308 * 100 is Infinity; a value that large has no digits after the point to round anyway.
  return Number.isFinite(value * factor) ? Math.round(value * factor) / factor : value
}

/** The mean, kept finite for finite inputs: when the sum overflows (1e308 + 1e308), a running mean instead. */
const finiteMean = (values: readonly number[]): number => {
  const plain = values.reduce((sum, value) => sum + value, 0) / values.length
  return Number.isFinite(plain) ? plain : values.reduce((mean, value, index) => mean + (value - mean) / (index + 1), 0)
}

/** Why a parsed line is not an execution record of `agent`, or undefined when it is one. */
function recordProblem(data: unknown, agent: string): string | undefined {
  const first = checkDocument(validateExecutionRecord, data)[0]
  if (first) return problemText(first, 'the record')
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
  // `quality` is optional (execution-record 1.1.0): the mean is over the records that rated one.
  const qualities = records.flatMap((r) => (r.quality === undefined ? [] : [r.quality]))
  const trend = trendOf(records)
  const lastFailure = lastFailureOf(records)
  const summary: MetricsSummary = {
    runs,
    successes,
    success_rate: runs === 0 ? 0 : round(successes / runs, 4),
    ...(runs === 0
      ? {}
      : {
          ...(qualities.length === 0 ? {} : { mean_quality: round(finiteMean(qualities), 4) }),
          mean_time_s: round(finiteMean(records.map((r) => r.time_s)), 2),
          last_run_at: latest(records),
        }),
    malformed_lines: problems.length,
    ...(trend ? { trend } : {}),
    ...(lastFailure ? { last_failure: lastFailure } : {}),
  }
  return { summary, problems, records }
}

/**
 * A timestamp as milliseconds since the epoch. A leap second (`23:59:60Z`, which RFC 3339
 * and the contract allow) is the instant after `23:59:59`: `Date.parse` says NaN for it,
 * and a NaN would sort anywhere.
 */
export function instantOf(timestamp: string): number {
  const leap = /:60(?=(\.\d+)?([Zz]|[+-]\d\d:\d\d)$)/
  return leap.test(timestamp) ? Date.parse(timestamp.replace(leap, ':59')) + 1000 : Date.parse(timestamp)
}

/** `recorded_at` of the most recent record, compared as instants (offsets differ). */
function latest(records: readonly ExecutionRecord[]): string {
  let best = records[0] as ExecutionRecord
  for (const record of records) {
    if (instantOf(record.recorded_at) > instantOf(best.recorded_at)) best = record
  }
  return best.recorded_at
}

/** How many of the most recent runs the trend looks at (against the runs before them). */
export const TREND_WINDOW = 5

/** A change smaller than this (in rate or quality) reads as steady. */
const STEADY_WITHIN = 0.05

/** Records ordered by `recorded_at` as instants (the log is append-only, but offsets differ). */
const chronological = (records: readonly ExecutionRecord[]): ExecutionRecord[] =>
  records
    .map((record, index) => ({ record, index, at: instantOf(record.recorded_at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((e) => e.record)

const rateOf = (records: readonly ExecutionRecord[]): number =>
  round(records.filter((r) => r.success).length / records.length, 4)
/** Mean quality of the records that rated one (`quality` is optional), or undefined when none did. */
const qualityOf = (records: readonly ExecutionRecord[]): number | undefined => {
  const rated = records.flatMap((r) => (r.quality === undefined ? [] : [r.quality]))
  return rated.length === 0 ? undefined : round(finiteMean(rated), 4)
}
const qualityField = <K extends string>(key: K, value: number | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: number }

/** Success and quality over the last TREND_WINDOW runs, against the runs before them. */
function trendOf(records: readonly ExecutionRecord[]): MetricsSummary['trend'] {
  if (records.length === 0) return undefined
  const ordered = chronological(records)
  const recent = ordered.slice(-TREND_WINDOW)
  const previous = ordered.slice(0, -TREND_WINDOW).slice(-TREND_WINDOW)
  const recentRate = rateOf(recent)
  const recentQuality = qualityOf(recent)
  if (previous.length === 0) {
    // Not enough history for two windows: compare the newer half with the older half.
    const half = Math.floor(recent.length / 2)
    const older = recent.slice(0, half)
    const newer = recent.slice(half)
    const direction =
      older.length === 0
        ? 'new'
        : directionOf(deltaOf(qualityOf(newer), qualityOf(older)), rateOf(newer) - rateOf(older))
    return {
      window: recent.length,
      recent_success_rate: recentRate,
      ...qualityField('recent_mean_quality', recentQuality),
      direction,
    }
  }
  const previousRate = rateOf(previous)
  const previousQuality = qualityOf(previous)
  return {
    window: recent.length,
    recent_success_rate: recentRate,
    ...qualityField('recent_mean_quality', recentQuality),
    previous_success_rate: previousRate,
    ...qualityField('previous_mean_quality', previousQuality),
    direction: directionOf(deltaOf(qualityOf(recent), qualityOf(previous)), recentRate - previousRate),
  }
}

/** The change from `before` to `after`, 0 when either side rated no quality (the success rate then decides). */
const deltaOf = (after: number | undefined, before: number | undefined): number =>
  after === undefined || before === undefined ? 0 : after - before

/** Quality decides; success rate breaks a tie. */
function directionOf(qualityDelta: number, rateDelta: number): string {
  const delta = Math.abs(qualityDelta) >= STEADY_WITHIN ? qualityDelta : rateDelta
  if (delta >= STEADY_WITHIN) return 'improving'
  if (delta <= -STEADY_WITHIN) return 'declining'
  return 'steady'
}

/** The most recent failed run and how many runs came after it. */
function lastFailureOf(records: readonly ExecutionRecord[]): MetricsSummary['last_failure'] {
  const ordered = chronological(records)
  for (let i = ordered.length - 1; i >= 0; i--) {
    const record = ordered[i] as ExecutionRecord
    if (!record.success) {
      return {
        recorded_at: record.recorded_at,
        ...(record.quality === undefined ? {} : { quality: record.quality }),
        time_s: record.time_s,
        runs_since: ordered.length - 1 - i,
      }
    }
  }
  return undefined
}

/** How many recommendations are listed; the rest are counted. */
export const LISTED_RECOMMENDATIONS = 3
/** Longest recommendation kept, in code points. */
export const MAX_RECOMMENDATION_LENGTH = 200

/** One line, bounded, in code points (a cut never splits a surrogate pair). */
function oneLine(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('')
}

/** The words of one recommendation: a string, or an object's `change` (else `recommendation`, `title`, `summary`), with its agent. */
function recommendationText(item: unknown): string | undefined {
  if (typeof item === 'string') return item.trim() === '' ? undefined : item
  if (typeof item !== 'object' || item === null) return undefined
  const record = item as Record<string, unknown>
  const words = [record.change, record.recommendation, record.title, record.summary].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  )
  if (words === undefined) return undefined
  return typeof record.agent === 'string' && record.agent !== '' ? `${record.agent}: ${words}` : words
}

/**
 * The optimizer's recommendations, summarised: the first LISTED_RECOMMENDATIONS for
 * `agent` (or for no agent in particular), one bounded line each, and how many more
 * there are. Undefined when the analysis has none.
 */
export function optimizerRecommendations(
  text: string,
  agent: string,
): { readonly recommendations: readonly string[]; readonly omitted: number } | undefined {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return undefined
  }
  const list = (data as { recommendations?: unknown } | null)?.recommendations
  if (!Array.isArray(list)) return undefined
  const mine = list.filter((item) => {
    const owner = (item as { agent?: unknown } | null)?.agent
    return typeof owner !== 'string' || owner === agent
  })
  const words = mine.map(recommendationText).filter((w): w is string => w !== undefined)
  if (words.length === 0) return undefined
  const listed = words.slice(0, LISTED_RECOMMENDATIONS).map((w) => oneLine(w, MAX_RECOMMENDATION_LENGTH))
  return { recommendations: listed, omitted: words.length - listed.length }
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

const pct = (rate: number): string => `${Math.round(rate * 100)}%`

/** The trend in words: the recent window, and the one before when there is one. */
function trendLines(summary: MetricsSummary): string[] {
  const trend = summary.trend
  if (trend === undefined) return []
  const quality = (q: number | undefined) => (q === undefined ? '' : `, quality ${q}`)
  const recent = `last ${trend.window} run${trend.window === 1 ? '' : 's'}: ${pct(trend.recent_success_rate)} success${quality(trend.recent_mean_quality)}`
  const before =
    trend.previous_success_rate === undefined
      ? ''
      : ` (before: ${pct(trend.previous_success_rate)} success${quality(trend.previous_mean_quality)})`
  return [`- Trend: ${trend.direction} — ${recent}${before}`]
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
    ...trendLines(summary),
    ...(summary.last_failure === undefined
      ? []
      : [
          `- Last failure: ${summary.last_failure.recorded_at} (${summary.last_failure.quality === undefined ? '' : `quality ${summary.last_failure.quality}, `}${summary.last_failure.time_s} s; ${summary.last_failure.runs_since} run${summary.last_failure.runs_since === 1 ? '' : 's'} since)`,
        ]),
    ...(summary.optimizer_headline === undefined ? [] : [`- Optimizer: ${summary.optimizer_headline}`]),
    ...(summary.recommendations ?? []).map((r) => `- Recommendation: ${r}`),
    ...(summary.recommendations_omitted ? [`- Recommendations not listed: ${summary.recommendations_omitted}`] : []),
  ]
  return `${lines.join('\n')}\n`
}
