/**
 * The `kaizen.schedule.prepared` payload, built from the prepared bundle. Its `bundle`
 * flags are picked by the keys of the contract's `BundleFlags`, so the 1:1 mapping to
 * `prepare --format json` holds by construction; the payload is validated against its
 * published schema before it can leave.
 */

import { BUNDLE_FLAG_KEYS, type BUNDLE_FORMATS, SCHEDULE_PREPARED_SUBJECT } from '../../contracts/constants.ts'
import type { BundleFlags, PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
// The published schema, not the TypeBox contract: the runtime does not load TypeBox.
import eventSchema from '../../generated/schemas/schedule-prepared-event.schema.json' with { type: 'json' }
import validateSchedulePreparedEvent from '../../generated/validators/schedule-prepared-event.ts'
import { type ContractViolation, contractViolation } from '../schema/check.ts'

/** The payload version, read from the contract (its major). */
export const EVENT_VERSION = eventSchema.properties.version.const as SchedulePreparedEvent['version']

/** A valid event, or why the built payload breaks its contract. */
export type EventResult =
  | { readonly ok: true; readonly event: SchedulePreparedEvent }
  | { readonly ok: false; readonly error: ContractViolation }

/** The bundle's flags, exactly the properties the contract names. */
const flagsOf = (bundle: PreparedBundle): BundleFlags =>
  Object.fromEntries(BUNDLE_FLAG_KEYS.map((key) => [key, bundle[key]])) as unknown as BundleFlags

/** A format the event can announce (the contract's enum; `xml` bundles are not announced). */
export type EventBundleFormat = (typeof BUNDLE_FORMATS)[number]

/** Builds and validates the event announcing `bundle`, printed in `format`. */
export function buildPreparedEvent(bundle: PreparedBundle, format: EventBundleFormat): EventResult {
  const event: SchedulePreparedEvent = {
    event: SCHEDULE_PREPARED_SUBJECT,
    version: EVENT_VERSION,
    occurred_at: bundle.prepared_at,
    repo: bundle.repo,
    root: bundle.root,
    agent: bundle.agent,
    cadence: bundle.cadence,
    prepare_command: bundle.prepare_command,
    ...(bundle.run_id === undefined ? {} : { run_id: bundle.run_id }),
    bundle: {
      format,
      ...flagsOf(bundle),
      bytes: bundle.bytes,
      ...(bundle.tokens === undefined ? {} : { tokens: bundle.tokens }),
      // Only when something was redacted: a clean bundle's event stays exactly the seed's shape.
      ...(bundle.redactions ? { redactions: bundle.redactions } : {}),
    },
    session_close: [...bundle.session_close],
  }
  const violation = contractViolation('schedule-prepared-event', event, validateSchedulePreparedEvent)
  if (violation) return { ok: false, error: violation }
  return { ok: true, event }
}
