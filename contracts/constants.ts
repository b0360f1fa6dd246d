/**
 * The plain values the contracts are built from: patterns, enumerations, defaults and
 * schema identity. No TypeBox import on purpose: the runtime (`src/`, outside the
 * generator and the evolution gate) imports values only from here and from `generated/`,
 * never from a contract file, so the CLI starts without loading TypeBox's 680 modules
 * (about 0.5 s on a cold start); test/cli/loaded-modules.test.ts keeps it that way.
 * `common.ts` and the contract files re-export them; each value is written once, here.
 */

/** Base of every schema `$id`; the contract name and major version follow. */
export const SCHEMA_ID_BASE = 'https://schemas.kaizen-agentic.dev'

/** The JSON Schema dialect every emitted schema declares. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'

/** Regex source for agent names and pointer labels: they reach paths and shell commands. */
export const SLUG_PATTERN = '^[a-z][a-z0-9-]{0,62}$'

/** Regex source for state-hub repository slugs (a little looser than agent slugs). */
export const REPO_SLUG_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'

/**
 * Regex source for a run id: what `discover --from/--to` emits as `run_id`
 * (`<repo>.<agent>.<YYYYMMDDTHHMMZ>`), what `prepare --run-id` and `metrics record --run-id`
 * accept, and what activity-core may use as a Temporal workflow id. Slug-safe: it reaches
 * shell commands and file names.
 */
export const RUN_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,255}$'

/** Regex source for a 24-hour `HH:MM` time of day. */
export const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$'

/** Regex source for an RFC 3339 date-time (seconds required, fraction optional, `Z` or offset). */
export const TIMESTAMP_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$'

/** Regex source for an IANA time-zone name; whether the zone exists is checked at run time. */
export const TIMEZONE_PATTERN = '^(UTC|[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2})$'

/** Regex source for an absolute POSIX or Windows path. */
export const ABSOLUTE_PATH_PATTERN = '^(/|[A-Za-z]:[\\\\/])'

/**
 * Regex source for a repo-relative path that cannot leave the repo: not absolute,
 * no drive letter, no backslashes, no `..` segment, no empty segment.
 */
export const RELATIVE_PATH_PATTERN = '^(?!/)(?![A-Za-z]:)(?!.*\\\\)(?!(.*/)?\\.\\.(/|$))[^\\u0000]+$'

/** The cadences an agent can run on. */
export const CADENCES = ['daily', 'weekly', 'monthly'] as const

/** The last day of the month a monthly schedule may name: 28, so every month has it. */
export const LAST_MONTH_DAY = 28

/** Weekday abbreviations used by weekly schedules, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** The major version of a contract, as it appears in `$id`. */
export function majorOf(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '0', 10)
}

/** The stable `$id` of a contract at a given major version. */
export function schemaIdOf(name: string, version: string): string {
  return `${SCHEMA_ID_BASE}/${name}/v${majorOf(version)}.schema.json`
}

/** The day an agent runs when its schedule names none, per cadence (daily has no day). */
export const DEFAULT_DAY = { weekly: 'mon', monthly: 1 } as const

/** The time of day an agent runs when its schedule names none. */
export const DEFAULT_TIME = '09:00'

/** The time zone of a manifest that names none. */
export const DEFAULT_TIMEZONE = 'UTC'

/** Whether an agent entry is enabled when it does not say. */
export const DEFAULT_ENABLED = true

/** The renderings `prepare` can print (`--format`); the prepared-bundle contract's `BundleFormat`. */
export const BUNDLE_FORMATS = ['markdown', 'json'] as const

/**
 * The prepared bundle's flags, which the `kaizen.schedule.prepared` event repeats
 * (`BundleFlags` in prepared-bundle.ts; test/contracts/bundle-flags.test.ts keeps the two equal).
 */
export const BUNDLE_FLAG_KEYS = ['agent_prompt_found', 'has_memory', 'has_metrics', 'pointers'] as const

/** The NATS subject (and CloudEvents type) of the `kaizen.schedule.prepared` event. */
export const SCHEDULE_PREPARED_SUBJECT = 'kaizen.schedule.prepared'

/** The media type of a CloudEvent in structured content mode (JSON), for `--ce-mode structured`. */
export const CLOUDEVENTS_JSON = 'application/cloudevents+json'
