/**
 * Shared building blocks of every contract. Each piece is written once here and
 * composed by the contract files; nothing outside `contracts/` restates a shape.
 *
 * Constraints that matter carry a `pattern` even where a `format` exists: draft
 * 2020-12 treats `format` as an annotation, and Python's `jsonschema` has no
 * date-time checker without extras, so `format` alone would not be enforced.
 */
import Type, { type TSchema } from 'typebox'
import {
  ABSOLUTE_PATH_PATTERN,
  CADENCES,
  LAST_MONTH_DAY,
  RELATIVE_PATH_PATTERN,
  REPO_SLUG_PATTERN,
  RUN_ID_PATTERN,
  SLUG_PATTERN,
  schemaIdOf,
  TIME_OF_DAY_PATTERN,
  TIMESTAMP_PATTERN,
  TIMEZONE_PATTERN,
  WEEKDAYS,
} from './constants.ts'

export {
  ABSOLUTE_PATH_PATTERN,
  CADENCES,
  JSON_SCHEMA_DIALECT,
  LAST_MONTH_DAY,
  majorOf,
  RELATIVE_PATH_PATTERN,
  REPO_SLUG_PATTERN,
  RUN_ID_PATTERN,
  SCHEMA_ID_BASE,
  SLUG_PATTERN,
  schemaIdOf,
  TIME_OF_DAY_PATTERN,
  TIMESTAMP_PATTERN,
  TIMEZONE_PATTERN,
  WEEKDAYS,
} from './constants.ts'

/** A lowercase slug naming an agent or a pointer label. */
export const Slug = (description: string) =>
  Type.String({ pattern: SLUG_PATTERN, minLength: 1, maxLength: 63, description })

/** A state-hub repository slug. */
export const RepoSlug = (description: string) =>
  Type.String({ pattern: REPO_SLUG_PATTERN, minLength: 1, maxLength: 128, description })

/** A deterministic run id (see `RUN_ID_PATTERN`): the same scheduled occurrence has the same id everywhere. */
export const RunId = (description: string) =>
  Type.String({ pattern: RUN_ID_PATTERN, minLength: 1, maxLength: 256, description })

/** How often an agent runs. */
export const Cadence = (description: string) => Type.Enum(CADENCES, { type: 'string', description })

/** A weekday for weekly schedules. */
export const Weekday = (description: string) => Type.Enum(WEEKDAYS, { type: 'string', description })

/** A day of the month for monthly schedules; 1..28 so every month has it. */
export const MonthDay = (description: string) => Type.Integer({ minimum: 1, maximum: LAST_MONTH_DAY, description })

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
