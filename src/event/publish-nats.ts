/**
 * `--emit nats://HOST:PORT`: publishes the event on `kaizen.schedule.prepared` with
 * the official NATS client, in CloudEvents binary mode (payload as body, `ce-*`
 * headers). One connection attempt, bounded by a timeout; no reconnects, so an
 * unreachable server is a prompt, clear failure rather than a hang.
 */
import { connect, headers as natsHeaders } from '@nats-io/transport-node'
import { SCHEDULE_PREPARED_SUBJECT } from '../../contracts/constants.ts'
import type { CloudEventHeaders, SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'

/** How long connecting, and then flushing the message, may each take. */
export const NATS_TIMEOUT_MS = 5000

/** Published, or why not. */
export type PublishResult = { readonly ok: true } | { readonly ok: false; readonly message: string }

/** Options of `publishEvent`. */
export interface PublishOptions {
  readonly timeoutMs?: number
}

const reason = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  return message === 'timeout' ? 'timed out' : message
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

/** Publishes `event` with `headers` to the NATS server at `server` (`host:port`) and waits until it has it. */
export async function publishEvent(
  server: string,
  event: SchedulePreparedEvent,
  headers: CloudEventHeaders,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const timeoutMs = options.timeoutMs ?? NATS_TIMEOUT_MS
  const where = `nats://${server}`
  let connection: Awaited<ReturnType<typeof connect>>
  const attempt = connect({ servers: server, timeout: timeoutMs, reconnect: false, name: 'kaizen-agentic prepare' })
  try {
    // The client's own timeout covers the handshake; this one also covers a stalled TCP connect.
    connection = await withTimeout(attempt, timeoutMs + 1000)
  } catch (error) {
    // Should the attempt still succeed later, do not leave a connection holding the process open.
    attempt.then((late) => late.close()).catch(() => undefined)
    return {
      ok: false,
      message: `cannot connect to the NATS server at ${where} (${reason(error)}, timeout ${timeoutMs} ms); is nats-server running there?`,
    }
  }
  try {
    const message = natsHeaders()
    for (const [name, value] of Object.entries(headers)) message.set(name, value)
    connection.publish(SCHEDULE_PREPARED_SUBJECT, JSON.stringify(event), { headers: message })
    // A flush round-trips to the server: once it returns, the server has the message.
    await withTimeout(connection.flush(), timeoutMs)
    return { ok: true }
  } catch (error) {
    return { ok: false, message: `cannot publish to ${where}: ${reason(error)}` }
  } finally {
    await connection.close().catch(() => undefined)
  }
}
