/**
 * The event pipeline behind one call: build the `kaizen.schedule.prepared` payload
 * (validated) → for NATS, the CloudEvents headers (checked) → write the file or publish.
 * Stdout is the caller's: the event line must follow the bundle, so it is returned, not printed.
 */
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import type { BundleFormat } from '../bundle/prepare.ts'
import { type ContractViolation, describeViolation } from '../schema/check.ts'
import { buildPreparedEvent } from './build-event.ts'
import { cloudEventHeaderErrors, cloudEventHeaders } from './cloudevents.ts'
import { writeEventFile } from './emit-file.ts'
import type { EmitTarget } from './emit-target.ts'

/** The event left (or is ready for stdout), with a notice for a person watching; or why it could not. */
export type EmitOutcome =
  | {
      readonly ok: true
      readonly event: SchedulePreparedEvent
      /** The JSON line to print after the bundle, for `--emit -`. */
      readonly stdoutLine?: string
      /** "event written to …", for a terminal. */
      readonly notice?: string
    }
  | {
      readonly ok: false
      readonly error: ContractViolation | { readonly kind: 'emit-failed'; readonly message: string }
    }

/** One line for a failed emit, as `error:` text. */
export const describeEmitFailure = (error: ContractViolation | { kind: 'emit-failed'; message: string }): string =>
  error.kind === 'contract-violation' ? describeViolation('the event', error) : error.message

/** Builds the event announcing `bundle` and sends it to `target`. */
export async function emitEvent(
  bundle: PreparedBundle,
  format: BundleFormat,
  target: EmitTarget,
): Promise<EmitOutcome> {
  const built = buildPreparedEvent(bundle, format)
  if (!built.ok) return built
  const { event } = built
  switch (target.kind) {
    case 'stdout':
      return { ok: true, event, stdoutLine: `${JSON.stringify(event)}\n` }
    case 'file': {
      const written = await writeEventFile(target.path, event)
      if (!written.ok) return { ok: false, error: { kind: 'emit-failed', message: `--emit: ${written.message}` } }
      return { ok: true, event, notice: `event written to ${target.path}` }
    }
    case 'nats': {
      const headers = cloudEventHeaders(event)
      const headerErrors = cloudEventHeaderErrors(headers)
      if (headerErrors.length > 0) {
        return {
          ok: false,
          error: { kind: 'contract-violation', contract: 'CloudEventHeaders', problems: headerErrors },
        }
      }
      // The NATS client loads only when an event goes to NATS.
      const { publishEvent } = await import('./publish-nats.ts')
      const published = await publishEvent(target.server, event, headers)
      if (!published.ok) return { ok: false, error: { kind: 'emit-failed', message: `--emit: ${published.message}` } }
      return { ok: true, event, notice: `event published to ${target.url} on ${event.event}` }
    }
  }
}
