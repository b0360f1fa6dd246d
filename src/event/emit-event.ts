/**
 * The event pipeline behind one call: build the `kaizen.schedule.prepared` payload
 * (validated) → for NATS, the CloudEvents headers (checked) → write the file or publish.
 * Stdout is the caller's: the event line must follow the bundle, so it is returned, not printed.
 */
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { type ContractViolation, describeViolation } from '../schema/check.ts'
import type { EventBundleFormat } from './build-event.ts'
import { buildPreparedEvent } from './build-event.ts'
import { writeEventFile } from './emit-file.ts'
import type { EmitTarget } from './emit-target.ts'
import type { NatsEmitFlags } from './nats-emit-flags.ts'
import type { NatsConnection } from './nats-options.ts'

/** How to send: `force` lets a file replace a regular file that is not a previous event; `nats` is the loaded connection. */
export interface EmitOptions {
  readonly force?: boolean
  readonly nats?: { readonly connection: NatsConnection; readonly flags: NatsEmitFlags }
}

/** The event left (or is ready for stdout), with a notice for a person watching; or why it could not. */
export type EmitOutcome =
  | {
      readonly ok: true
      readonly event: SchedulePreparedEvent
      /** The JSON line to print after the bundle, for `--emit -`. */
      readonly stdoutLine?: string
      /** "event written to …", for a terminal. */
      readonly notice?: string
      /** Worth saying even when stderr is not a terminal (cron, CI logs): nothing stored the event. */
      readonly warning?: string
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
  format: EventBundleFormat,
  target: EmitTarget,
  options: EmitOptions = {},
): Promise<EmitOutcome> {
  const built = buildPreparedEvent(bundle, format)
  if (!built.ok) return built
  const { event } = built
  switch (target.kind) {
    case 'stdout':
      return { ok: true, event, stdoutLine: `${JSON.stringify(event)}\n` }
    case 'file': {
      const written = await writeEventFile(target.path, event, { force: options.force === true })
      if (!written.ok) return { ok: false, error: { kind: 'emit-failed', message: `--emit: ${written.message}` } }
      return { ok: true, event, notice: `event written to ${target.path}` }
    }
    case 'nats': {
      if (options.nats === undefined) {
        return {
          ok: false,
          error: { kind: 'emit-failed', message: '--emit: internal error: no NATS connection prepared' },
        }
      }
      // The NATS client loads only when an event goes to NATS; the CloudEvents message is checked there.
      const { emitToNats } = await import('./emit-nats.ts')
      const sent = await emitToNats(options.nats.connection, event, options.nats.flags)
      if (!sent.ok) return { ok: false, error: { kind: 'emit-failed', message: `--emit: ${sent.message}` } }
      return { ok: true, event, notice: sent.published, ...(sent.notice ? { warning: sent.notice } : {}) }
    }
  }
}
