/**
 * The `kaizen.schedule.prepared` payload, built from the prepared bundle. Its `bundle`
 * flags are picked by the keys of the contract's `BundleFlags`, so the 1:1 mapping to
 * `prepare --format json` holds by construction; the payload is validated against its
 * published schema before it can leave.
 */

import { SCHEDULE_PREPARED_SUBJECT } from '../../contracts/constants.ts'
import type { BundleFlags, PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
// The published schema, not the TypeBox contract: the runtime does not load TypeBox.
import eventSchema from '../../generated/schemas/schedule-prepared-event.schema.json' with { type: 'json' }
import validateSchedulePreparedEvent from '../../generated/validators/schedule-prepared-event.ts'
import type { BundleFormat } from '../bundle/prepare.ts'
import { validationErrors } from '../schema/validation-errors.ts'

/** The payload version, read from the contract (its major). */
export const EVENT_VERSION = eventSchema.properties.version.const as SchedulePreparedEvent['version']

/** A valid event, or why the built payload breaks its contract. */
export type EventResult =
  | { readonly ok: true; readonly event: SchedulePreparedEvent }
  | { readonly ok: false; readonly errors: readonly string[] }

/**
 * The contract composes the event's `bundle` as `{ format, ...BundleFlags, bytes }`, so
 * its properties other than `format` and `bytes` are exactly the prepared-bundle flags.
 */
const FLAG_KEYS = Object.keys(eventSchema.properties.bundle.properties).filter(
  (key) => key !== 'format' && key !== 'bytes',
) as (keyof BundleFlags)[]

/** The bundle's flags, exactly the properties the contract names. */
const flagsOf = (bundle: PreparedBundle): BundleFlags =>
  Object.fromEntries(FLAG_KEYS.map((key) => [key, bundle[key]])) as unknown as BundleFlags

/** Builds and validates the event announcing `bundle`, printed in `format`. */
export function buildPreparedEvent(bundle: PreparedBundle, format: BundleFormat): EventResult {
  const event: SchedulePreparedEvent = {
    event: SCHEDULE_PREPARED_SUBJECT,
    version: EVENT_VERSION,
    occurred_at: bundle.prepared_at,
    repo: bundle.repo,
    root: bundle.root,
    agent: bundle.agent,
    cadence: bundle.cadence,
    prepare_command: bundle.prepare_command,
    bundle: { format, ...flagsOf(bundle), bytes: bundle.bytes },
    session_close: [...bundle.session_close],
  }
  const errors = validationErrors(validateSchedulePreparedEvent, event)
  if (errors.length > 0) {
    return { ok: false, errors: errors.map((e) => `${e.instancePath || '(event)'} ${e.message ?? 'is invalid'}`) }
  }
  return { ok: true, event }
}
