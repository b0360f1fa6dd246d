/**
 * `prepare --emit nats…` from flags to a published event: the connection plan (checked
 * before any work), the message in the chosen CloudEvents content mode, the publish, and
 * what to tell the user. Kept out of the command so the command only wires options.
 */
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { natsEventMessage } from './cloudevents.ts'
import type { EmitTarget } from './emit-target.ts'
import type { NatsEmitFlags } from './nats-emit-flags.ts'
import {
  loadNatsConnection,
  type NatsConnection,
  type NatsOptionResult,
  resolveNatsConnection,
} from './nats-options.ts'
import { publishEvent } from './publish-nats.ts'

/** Resolves (usage errors: `usage`) and loads (missing files: `invalid`) the connection. */
export async function prepareNatsConnection(
  target: Extract<EmitTarget, { kind: 'nats' }>,
  flags: NatsEmitFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<NatsOptionResult<NatsConnection> & { readonly usage?: boolean }> {
  const plan = resolveNatsConnection(target, flags, env)
  if (!plan.ok) return { ...plan, usage: true }
  return loadNatsConnection(plan.value)
}

/** Sent, with what to say on stderr, or why not. */
export type NatsEmitResult =
  | { readonly ok: true; readonly published: string; readonly notice?: string }
  | { readonly ok: false; readonly message: string }

/** Publishes `event` over `connection` in the mode the flags ask for. */
export async function emitToNats(
  connection: NatsConnection,
  event: SchedulePreparedEvent,
  flags: NatsEmitFlags,
): Promise<NatsEmitResult> {
  const built = natsEventMessage(event, flags.ceMode ?? 'binary')
  if (!built.ok) {
    return {
      ok: false,
      message: `internal error: the CloudEvents message breaks its contract: ${built.errors.join('; ')}`,
    }
  }
  const published = await publishEvent(connection, built.message, {
    ...(flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs }),
    ...(flags.requireAck ? { requireAck: true } : {}),
  })
  if (!published.ok) return published
  if (published.ack === null) {
    return { ok: true, published: `event published to ${published.server} on ${event.event}`, notice: published.notice }
  }
  const { stream, seq, duplicate } = published.ack
  return {
    ok: true,
    published: `event ${duplicate ? 'already stored' : 'stored'} in stream ${stream} (seq ${seq}) at ${published.server} on ${event.event}`,
  }
}
