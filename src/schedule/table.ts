/** The `schedule list` table: aligned columns for people, one agent per row. */

import type { ScheduleListEntry } from '../../contracts/schedule-list.ts'
import { toZonedDisplay } from './local-time.ts'

const HEADERS = ['AGENT', 'CADENCE', 'DAY', 'TIME', 'TIMEZONE', 'ENABLED', 'NEXT RUN'] as const

/** Renders listed agents as a space-aligned table (no trailing spaces); next runs in each agent's zone. */
export function renderListTable(entries: readonly ScheduleListEntry[]): string {
  const rows = entries.map((entry) => [
    entry.agent,
    entry.cadence,
    entry.day === undefined ? '-' : String(entry.day),
    entry.time,
    entry.timezone,
    entry.enabled ? 'yes' : 'no',
    entry.next_run === null
      ? entry.enabled
        ? 'never'
        : '- (disabled)'
      : toZonedDisplay(new Date(entry.next_run), entry.timezone),
  ])
  const table = [[...HEADERS], ...rows]
  const widths = HEADERS.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)))
  return table
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n')
}
