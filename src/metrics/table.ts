/** The human rendering of `metrics show`: the bundle's metrics bullets, then the recent runs as a table. */
import type { MetricsShow } from '../../contracts/metrics-show.ts'
import { describeMetrics } from '../bundle/metrics-summary.ts'
import { escapeControl } from '../diagnostics/safe-text.ts'

const pad = (cells: readonly string[], widths: readonly number[]): string =>
  cells
    .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd()

/**
 * `metrics show` as text: a heading, the summary (as the bundle words it) and a table of
 * recent runs. For a terminal: the headline and run ids come from repo files, so their
 * control characters are made visible (line breaks between lines are ours and stay).
 */
export function renderMetricsTable(show: MetricsShow): string {
  return render(show)
    .split('\n')
    .map((line) => escapeControl(line))
    .join('\n')
}

function render(show: MetricsShow): string {
  const heading = `${show.agent} — ${show.file}${show.found ? '' : ' (no records yet)'}\n`
  if (show.recent.length === 0) return `${heading}${describeMetrics(show.summary)}`
  const header = ['RECORDED AT', 'OUTCOME', 'TIME', 'QUALITY', 'RUN ID']
  const rows = show.recent.map((r) => [
    r.recorded_at,
    r.success ? 'success' : 'failure',
    `${r.time_s} s`,
    r.quality === undefined ? '-' : String(r.quality),
    r.run_id ?? '-',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)))
  const table = [header, ...rows].map((row) => pad(row, widths)).join('\n')
  return `${heading}${describeMetrics(show.summary)}\nRecent runs (newest first):\n${table}\n`
}
