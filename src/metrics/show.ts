/**
 * `metrics show`: the agent's execution-record log → the metrics-show document. The
 * summary is the one a prepared bundle carries — the same function
 * (`summariseExecutionRecords`, `optimizerHeadline`) over the same contained reads —
 * plus the most recent valid records, newest first.
 */
import type { MetricsShow } from '../../contracts/metrics-show.ts'
import { LISTED_METRICS_PROBLEMS } from '../bundle/assemble.ts'
import { ANALYSIS_READ_LIMIT, METRICS_READ_LIMIT } from '../bundle/gather.ts'
import { metricsPath, OPTIMIZER_ANALYSIS_PATH } from '../bundle/locations.ts'
import { optimizerHeadline, summariseExecutionRecords } from '../bundle/metrics-summary.ts'
import { readRepoFile } from '../bundle/read-repo-file.ts'
import { redactDerivedTexts, secretWarnings } from '../bundle/secret-scan.ts'

/** What to show. */
export interface ShowRequest {
  /** Absolute path of the repo root. */
  readonly root: string
  readonly agent: string
  /** How many recent runs to list. */
  readonly last: number
}

/** Reads the agent's log (and the optimizer analysis) under `request.root` and summarises them. */
export async function readAgentMetrics(request: ShowRequest): Promise<MetricsShow> {
  const { root, agent, last } = request
  const file = metricsPath(agent)
  const warnings: string[] = []
  const read = await readRepoFile(root, file, { limit: METRICS_READ_LIMIT })
  let log = ''
  if (read.status === 'refused') warnings.push(`metrics: ${file} refused — ${read.reason}; treated as missing`)
  if (read.status === 'found') {
    log = read.text
    if (read.omittedBytes > 0) {
      // As prepare does: the read stopped mid-file, so the partial last line is dropped, not counted.
      log = log.slice(0, log.lastIndexOf('\n') + 1)
      warnings.push(
        `metrics: ${file} is ${read.size} bytes; only its first ${Buffer.byteLength(log, 'utf8')} bytes were summarised`,
      )
    }
  }
  const digest = summariseExecutionRecords(log, agent)
  const listed = digest.problems.slice(0, LISTED_METRICS_PROBLEMS)
  for (const problem of listed) warnings.push(`metrics: ${file} ${problem} — skipped`)
  const more = digest.problems.length - listed.length
  if (more > 0) warnings.push(`metrics: ${more} more malformed line${more === 1 ? '' : 's'} skipped`)

  let summary = digest.summary
  const analysis = await readRepoFile(root, OPTIMIZER_ANALYSIS_PATH, { limit: ANALYSIS_READ_LIMIT })
  if (analysis.status === 'found') {
    const headline =
      analysis.omittedBytes > 0
        ? { problem: `analysis.json is ${analysis.size} bytes, too large to parse for a headline` }
        : optimizerHeadline(analysis.text)
    if ('headline' in headline) summary = { ...summary, optimizer_headline: headline.headline }
    else warnings.push(`optimizer analysis: ${headline.problem}`)
  }
  // Decoded JSON (a key escaped as `\/` passed no raw scan) and warnings quoting a log line.
  const headline = summary.optimizer_headline
  const scanned = await redactDerivedTexts([
    ...warnings.map((text) => ({ path: file, text })),
    ...(headline === undefined ? [] : [{ path: OPTIMIZER_ANALYSIS_PATH, text: headline }]),
  ])
  const scannedWarnings = scanned.texts.slice(0, warnings.length)
  if (headline !== undefined) summary = { ...summary, optimizer_headline: scanned.texts[warnings.length] ?? '' }
  scannedWarnings.push(...secretWarnings(scanned.findings))
  return {
    root,
    agent,
    file,
    found: read.status === 'found',
    summary,
    // File order is append order; the newest run is the last line.
    recent: digest.records.slice(-last).reverse(),
    warnings: scannedWarnings,
  }
}
