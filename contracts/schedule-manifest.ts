/** The `.kaizen/schedule.yml` manifest with which a repository opts in to scheduled agents. */
import Type, { type Static } from 'typebox'
import {
  Cadence,
  defineContract,
  LAST_MONTH_DAY,
  MonthDay,
  RelativePath,
  ScheduleDay,
  SLUG_PATTERN,
  TimeOfDay,
  WEEKDAYS,
  Weekday,
} from './common.ts'
import { DEFAULT_DAY, DEFAULT_ENABLED, DEFAULT_TIME, DEFAULT_TIMEZONE } from './constants.ts'
import { TIMEZONES, TZDB_VERSION } from './timezones.ts'

export { DEFAULT_DAY, DEFAULT_ENABLED, DEFAULT_TIME, DEFAULT_TIMEZONE } from './constants.ts'

/** `if` the agent's cadence is `cadence`, `then` its `day` must match `day`. */
const dayForCadence = (cadence: string, day: object) => ({
  if: {
    properties: { cadence: { const: cadence, description: `The agent's cadence is ${cadence}.` } },
    required: ['cadence'],
  },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a promise.
  then: { properties: { day } },
})

/**
 * Which day each cadence takes, as JSON Schema 2020-12 `if`/`then`, so every validator
 * (Ajv, Python jsonschema, editors) enforces what `schedule validate` does: daily takes
 * no day, weekly a weekday, monthly a day of the month.
 */
const DAY_PER_CADENCE = [
  dayForCadence('daily', { not: {}, description: 'A daily cadence takes no day.' }),
  dayForCadence('weekly', Weekday(`A weekly cadence takes a weekday, ${WEEKDAYS[0]}..${WEEKDAYS[6]}.`)),
  dayForCadence('monthly', MonthDay(`A monthly cadence takes a day of the month, 1..${LAST_MONTH_DAY}.`)),
]

/** When and whether one agent runs. */
export const AgentSchedule = Type.Object(
  {
    cadence: Cadence('How often the agent runs.'),
    day: Type.Optional(
      ScheduleDay(
        `Weekly: mon..sun (default ${DEFAULT_DAY.weekly}). Monthly: 1..28 (default ${DEFAULT_DAY.monthly}). Not allowed for daily cadence.`,
      ),
    ),
    time: Type.Optional(TimeOfDay('Time of day (24 h, HH:MM) in the manifest time zone.', { default: DEFAULT_TIME })),
    enabled: Type.Optional(
      Type.Boolean({ default: DEFAULT_ENABLED, description: 'Set to false to keep the entry but stop scheduling it.' }),
    ),
  },
  { additionalProperties: false, allOf: DAY_PER_CADENCE, description: 'When and whether one agent runs.' },
)

/** The `.kaizen/schedule.yml` manifest, version 1. */
export const ScheduleManifest = defineContract(
  {
    name: 'schedule-manifest',
    version: '2.0.0',
    direction: 'input',
    title: 'kaizen-agentic schedule manifest',
    description: 'The `.kaizen/schedule.yml` file with which a repository opts in to scheduled kaizen agents.',
    purpose:
      'A repository opts in to scheduled agent runs by committing `.kaizen/schedule.yml`. It names the agents to run, their cadence, and the repo pointers `prepare` bundles. Unknown keys are errors so that typos cannot pass silently. The file is read as YAML 1.2 (the core schema, as the `yaml` library and editors using the YAML language server read it): `yes`/`no` are strings, `10:30` is a string and `0o17` an octal number. PyYAML reads YAML 1.1, where `yes` is true and `10:30` is the number 630; a Python consumer reaches the same verdict with a YAML 1.2 reader (ruamel.yaml) or by quoting such values.',
    fileMatch: ['.kaizen/schedule.yml', '.kaizen/schedule.yaml'],
  },
  Type.Object(
    {
      version: Type.Literal(1, { description: 'Manifest format version; its presence is the opt-in marker.' }),
      timezone: Type.Optional(
        Type.Enum(TIMEZONES, {
          type: 'string',
          default: DEFAULT_TIMEZONE,
          description: `IANA time zone the agent times are in, for example Europe/Berlin: a zone or backward link of tz database ${TZDB_VERSION}, or UTC.`,
        }),
      ),
      agents: Type.Record(Type.String({ pattern: SLUG_PATTERN }), AgentSchedule, {
        minProperties: 1,
        additionalProperties: false,
        description: 'The agents to run, keyed by agent name (a lowercase slug). At least one.',
      }),
      pointers: Type.Optional(
        Type.Record(
          Type.String({ pattern: SLUG_PATTERN }),
          RelativePath('Repo-relative path of the pointed-to file; it may not leave the repo.'),
          {
            additionalProperties: false,
            description:
              'Repo pointers bundled by `prepare`: label (a lowercase slug) to repo-relative path. Default: SCOPE.md and TODO.md when present.',
          },
        ),
      ),
    },
    { additionalProperties: false },
  ),
)

/** A parsed, valid schedule manifest. */
export type ScheduleManifest = Static<typeof ScheduleManifest.schema>
/** One agent's schedule inside a manifest. */
export type AgentSchedule = Static<typeof AgentSchedule>
