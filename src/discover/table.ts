/** The human rendering of `discover --format table`: one row per run, then the skipped repos. */
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { escapeControl } from '../diagnostics/safe-text.ts'

const pad = (rows: readonly (readonly string[])[]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? []
  return rows.map((cells) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  )
}

/** The scheduled-runs document as text tables (values escaped: repo names and paths come from the hub). */
export function renderScheduledRunsTable(document: ScheduledRuns): string {
  const safe = (text: string) => escapeControl(text)
  const lines: string[] = []
  if (document.scheduled_runs.length === 0) lines.push('no scheduled runs')
  else {
    const header = ['REPO', 'AGENT', 'CADENCE', 'DAY', 'TIME', 'TIMEZONE', 'DUE AT', 'ROOT']
    const rows = document.scheduled_runs.map((r) => [
      safe(r.repo),
      r.agent,
      r.cadence,
      r.day === undefined ? '-' : String(r.day),
      r.time ?? '-',
      r.timezone ?? '-',
      r.due_at ?? '-',
      safe(r.root),
    ])
    lines.push(...pad([header, ...rows]))
  }
  if (document.skipped.length > 0) {
    lines.push(
      '',
      ...pad([
        ['SKIPPED', 'REASON', 'DETAIL'],
        ...document.skipped.map((s) => [safe(s.repo), s.reason, safe(s.detail)]),
      ]),
    )
  }
  return `${lines.join('\n')}\n`
}
