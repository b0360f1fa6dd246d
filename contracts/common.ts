/**
 * Shared building blocks of every contract. Each piece is written once here and
 * composed by the contract files; nothing outside `contracts/` restates a shape.
 *
 * Constraints that matter carry a `pattern` even where a `format` exists: draft
 * 2020-12 treats `format` as an annotation, and Python's `jsonschema` has no
 * date-time checker without extras, so `format` alone would not be enforced.
 */
import Type, { type TSchema } from 'typebox'

/** Base of every schema `$id`; the contract name and major version follow. */
export const SCHEMA_ID_BASE = 'https://schemas.kaizen-agentic.dev'

/** The JSON Schema dialect every emitted schema declares. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'

/** Regex source for agent names and pointer labels: they reach paths and shell commands. */
export const SLUG_PATTERN = '^[a-z][a-z0-9-]{0,62}$'

/** Regex source for state-hub repository slugs (a little looser than agent slugs). */
export const REPO_SLUG_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'

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

/** Weekday abbreviations used by weekly schedules, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** A lowercase slug naming an agent or a pointer label. */
export const Slug = (description: string) =>
  Type.String({ pattern: SLUG_PATTERN, minLength: 1, maxLength: 63, description })

/** A state-hub repository slug. */
export const RepoSlug = (description: string) =>
  Type.String({ pattern: REPO_SLUG_PATTERN, minLength: 1, maxLength: 128, description })

/** How often an agent runs. */
export const Cadence = (description: string) => Type.Enum(CADENCES, { type: 'string', description })

/** A weekday for weekly schedules. */
export const Weekday = (description: string) => Type.Enum(WEEKDAYS, { type: 'string', description })

/** A day of the month for monthly schedules; 1..28 so every month has it. */
export const MonthDay = (description: string) => Type.Integer({ minimum: 1, maximum: 28, description })

/** The day an agent runs: a weekday (weekly) or a day of the month (monthly). */
export const ScheduleDay = (description: string) =>
  Type.Union([Weekday('A weekday, for weekly cadence.'), MonthDay('A day of the month, for monthly cadence.')], {
    description,
  })

/** A 24-hour `HH:MM` time of day. */
export const TimeOfDay = (description: string, options: { default?: string } = {}) =>
  Type.String({ pattern: TIME_OF_DAY_PATTERN, description, examples: ['09:00'], ...options })

/** An RFC 3339 timestamp. */
export const Timestamp = (description: string) =>
  Type.String({ format: 'date-time', pattern: TIMESTAMP_PATTERN, description })

/** An IANA time-zone name such as `Europe/Berlin` or `UTC`. */
export const Timezone = (description: string, options: { default?: string } = {}) =>
  Type.String({ pattern: TIMEZONE_PATTERN, minLength: 1, maxLength: 64, description, ...options })

/** An absolute filesystem path. */
export const AbsolutePath = (description: string) =>
  Type.String({ pattern: ABSOLUTE_PATH_PATTERN, minLength: 1, maxLength: 4096, description })

/** A repo-relative path that stays inside the repo. */
export const RelativePath = (description: string) =>
  Type.String({ pattern: RELATIVE_PATH_PATTERN, minLength: 1, maxLength: 1024, description })

/** A shell command line. */
export const Command = (description: string) => Type.String({ minLength: 1, maxLength: 8192, description })

/** A non-negative integer byte count. */
export const ByteCount = (description: string) => Type.Integer({ minimum: 0, description })

/**
 * Which way data flows relative to this project; it decides what counts as a
 * breaking change (inputs must stay backward compatible, outputs forward compatible).
 */
export type ContractDirection = 'input' | 'output'

/** Everything the generator needs to know about one contract. */
export interface Contract<T extends TSchema = TSchema> {
  /** Kebab-case name: file names, `$id` path and docs page. */
  readonly name: string
  /** Semantic version of the contract; the major is part of `$id`. */
  readonly version: `${number}.${number}.${number}`
  /** Whether this project reads (input) or writes (output) documents of this shape. */
  readonly direction: ContractDirection
  /** One-paragraph purpose, shown at the top of the docs page. */
  readonly purpose: string
  /** Glob(s) of files this schema applies to, for the schema catalog. */
  readonly fileMatch?: readonly string[]
  /** The TypeBox schema, with `$id`, `title` and `description` set. */
  readonly schema: T & SchemaIdentity
}

/** The identity every contract schema carries. */
export interface SchemaIdentity {
  readonly $id: string
  readonly title: string
  readonly description: string
}

/** The major version of a contract, as it appears in `$id`. */
export function majorOf(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '0', 10)
}

/** The stable `$id` of a contract at a given major version. */
export function schemaIdOf(name: string, version: string): string {
  return `${SCHEMA_ID_BASE}/${name}/v${majorOf(version)}.schema.json`
}

interface ContractHead {
  readonly name: string
  readonly version: `${number}.${number}.${number}`
  readonly direction: ContractDirection
  readonly title: string
  readonly description: string
  readonly purpose: string
  readonly fileMatch?: readonly string[]
}

/**
 * Declares a contract: stamps `$id`, `title` and `description` onto the schema
 * built by `build`, so the identity of a schema is written in one place.
 */
export function defineContract<T extends TSchema>(head: ContractHead, schema: T): Contract<T> {
  const stamped: T & SchemaIdentity = Object.assign(schema, {
    $id: schemaIdOf(head.name, head.version),
    title: head.title,
    description: head.description,
  })
  return {
    name: head.name,
    version: head.version,
    direction: head.direction,
    purpose: head.purpose,
    ...(head.fileMatch ? { fileMatch: head.fileMatch } : {}),
    schema: stamped,
  }
}
