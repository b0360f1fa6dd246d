/** The machine-readable output of `kaizen-agentic schedule list --format json`. */
import Type, { type Static } from 'typebox'
import { CRON_PATTERN } from './activity-definition.ts'
import { Cadence, defineContract, ScheduleDay, Slug, TimeOfDay, Timestamp, Timezone } from './common.ts'

/** One agent of the manifest with every default applied, and when it runs next. */
export const ScheduleListEntry = Type.Object(
  {
    agent: Slug('Agent name, as the manifest keys it.'),
    cadence: Cadence('How often the agent runs.'),
    day: Type.Optional(
      ScheduleDay(
        'The day it runs: the manifest day, else the cadence default (weekly: mon, monthly: 1). Absent for daily.',
      ),
    ),
    time: TimeOfDay('The time of day it runs (HH:MM, 24 h): the manifest time, else the default.'),
    timezone: Timezone('The time zone of day and time: the manifest time zone, else UTC.'),
    enabled: Type.Boolean({ description: 'False when the manifest keeps the entry but does not schedule it.' }),
    cron: Type.String({
      pattern: CRON_PATTERN,
      description: 'The schedule as a five-field cron expression, evaluated in `timezone`.',
    }),
    next_run: Type.Union([Timestamp('The next run.'), Type.Null({ description: 'Not scheduled.' })], {
      description:
        'The first run strictly after `as_of`, as RFC 3339 in the offset of `timezone` (correct across DST changes); null when the agent is disabled.',
    }),
  },
  { description: 'One agent with defaults applied and its next run.' },
)

/** The list document. */
export const ScheduleList = defineContract(
  {
    name: 'schedule-list',
    version: '1.0.0',
    direction: 'output',
    title: 'kaizen-agentic schedule list',
    description: 'The JSON output of `kaizen-agentic schedule list --format json`: every agent and its next run.',
    purpose:
      'What a repository schedules, with the defaults applied, for scripts and dashboards that would otherwise parse the table. Next runs are computed from the cron expression in the manifest time zone, as of the `as_of` instant.',
  },
  Type.Object({
    file: Type.String({ description: 'The manifest that was listed, relative to the target.' }),
    as_of: Timestamp('The instant next runs are computed from (RFC 3339, UTC).'),
    agents: Type.Array(ScheduleListEntry, { description: 'Every agent of the manifest, sorted by name.' }),
  }),
)

/** One row of the list. */
export type ScheduleListEntry = Static<typeof ScheduleListEntry>
/** The list document. */
export type ScheduleList = Static<typeof ScheduleList.schema>
