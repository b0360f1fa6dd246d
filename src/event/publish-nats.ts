/**
 * `--emit nats://…`: publishes the event on `kaizen.schedule.prepared` with the official
 * NATS client. When a JetStream stream captures the subject, the publish goes through
 * JetStream with `Nats-Msg-Id` = the event id and succeeds only on the stream's
 * acknowledgement, retried (deduplicated by the server) until one total deadline.
 * Otherwise a core publish, flushed, with a notice that nothing persisted it.
 *
 * One connection attempt per server, no reconnects: an unreachable server is a prompt,
 * clear failure rather than a hang. The client is imported on first use so commands
 * that never publish do not load it.
 */
import type { NatsConnection as Client } from '@nats-io/transport-node'
import { SCHEDULE_PREPARED_SUBJECT } from '../../contracts/constants.ts'
import type { NatsEventMessage } from './cloudevents.ts'
import { type NatsConnection, redactSecrets } from './nats-options.ts'

/** The total time connecting, asking for a stream and waiting for the acknowledgement may take. */
export const NATS_TIMEOUT_MS = 10_000

/** One JetStream publish attempt waits at most this long for its acknowledgement before retrying. */
const ATTEMPT_TIMEOUT_MS = 2000

/** What JetStream acknowledged. */
export interface PubAckInfo {
  readonly stream: string
  readonly seq: number
  /** The server already held a message with this `Nats-Msg-Id`: stored once. */
  readonly duplicate: boolean
}

/** Published (acknowledged by a stream, or core with a notice), or why not. */
export type PublishResult =
  | { readonly ok: true; readonly server: string; readonly ack: PubAckInfo }
  | { readonly ok: true; readonly server: string; readonly ack: null; readonly notice: string }
  | { readonly ok: false; readonly message: string }

/** Options of `publishEvent`. */
export interface PublishOptions {
  /** Total deadline, connection included (default `NATS_TIMEOUT_MS`). */
  readonly timeoutMs?: number
  /** Fail when no JetStream stream acknowledges the event. */
  readonly requireAck?: boolean
  /** Subject (default `kaizen.schedule.prepared`); tests and benches only. */
  readonly subject?: string
}

interface ErrorLike {
  readonly name?: string
  readonly message?: string
  readonly code?: string
  readonly cause?: unknown
}

/** The error and its causes, outermost first (the client wraps Node's errors). */
function chainOf(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = []
  let current = error
  while (current !== undefined && current !== null && chain.length < 5) {
    if (typeof current !== 'object') {
      chain.push({ message: String(current) })
      break
    }
    chain.push(current as ErrorLike)
    current = (current as ErrorLike).cause
  }
  return chain
}

const TLS_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
])

/** Why the connection failed, in words: the cause, not the client's internals. */
export function connectFailureReason(error: unknown, connection: NatsConnection, timeoutMs: number): string {
  const chain = chainOf(error)
  const code = chain.map((e) => e.code).find((c) => c !== undefined)
  const names = chain.map((e) => e.name ?? '')
  const message = chain.map((e) => e.message ?? '').find((m) => m !== '') ?? ''
  if (names.includes('AuthorizationError') || /authorization violation/i.test(message)) {
    return connection.auth.kind === 'none'
      ? 'authorization violation: the server requires credentials and none were given (NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY, NATS_CREDS or the --nats-* flags)'
      : `authorization violation: the server rejected the credentials from ${connection.auth.source}`
  }
  if (names.includes('UserAuthenticationExpiredError')) {
    return `authorization violation: the user JWT from ${connection.auth.kind === 'none' ? 'the credentials' : connection.auth.source} has expired`
  }
  if (code === 'ECONNREFUSED') return 'connection refused; is nats-server running there?'
  // Without a socket error code, the client's "connection refused" means the socket closed
  // (or the Node transport's "undefined error"): the server hung up during the handshake.
  if (message === 'connection refused' || message === '' || /undefined error/.test(message)) {
    return connection.tls && !connection.tls.cert
      ? 'the server closed the connection during the handshake (does it require a client certificate, NATS_CERT/NATS_KEY?)'
      : 'the server closed the connection during the handshake'
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found'
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable'
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return connection.tls && !connection.tls.cert
      ? 'the server reset the connection during the handshake (does it require a client certificate, NATS_CERT/NATS_KEY?)'
      : 'the server reset the connection during the handshake'
  }
  if (code !== undefined && TLS_UNTRUSTED.has(code)) {
    return `TLS: the server's certificate is not signed by a trusted CA (${code}); give its CA with NATS_CA or --nats-ca`
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `TLS: the server's certificate does not name the host connected to (${message.replace(/\.$/, '')})`
  }
  if (code === 'CERT_HAS_EXPIRED') return "TLS: the server's certificate has expired"
  if (code?.startsWith('ERR_SSL_') && /certificate required|handshake failure|bad certificate/i.test(message)) {
    return `TLS: the server refused the handshake (${code}); does it require a client certificate (NATS_CERT/NATS_KEY)?`
  }
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) return `TLS: ${message} (${code})`
  if (/server does not support 'tls'/.test(message)) return 'TLS was asked for, but the server does not offer it'
  if (names.includes('TimeoutError') || message === 'timeout' || message === 'timed out') {
    return `no answer within ${timeoutMs} ms`
  }
  return message
}

/** Why a publish failed, in words. */
function publishFailureReason(
  error: unknown,
  timeoutMs: number,
  bytes: number,
  maxPayload: number,
  acknowledged = true,
): string {
  const chain = chainOf(error)
  const names = chain.map((e) => e.name ?? '')
  const message = chain.map((e) => e.message ?? '').find((m) => m !== '') ?? ''
  if (/max_payload|maximum payload/i.test(message)) {
    return `the event (${bytes} bytes) is larger than the server's max_payload (${maxPayload} bytes)`
  }
  if (/message size exceeds maximum/i.test(message)) return `the stream refused the event: ${message}`
  if (names.includes('PermissionViolationError')) return `permissions violation: ${message}`
  if (names.includes('ClosedConnectionError') || /closed connection|connection closed/i.test(message)) {
    return 'the connection to the server was lost before it confirmed the event'
  }
  if (names.includes('TimeoutError') || message === 'timeout' || message === 'timed out') {
    // A stream acknowledges; without one, the flush's round trip is all the server answers.
    return acknowledged
      ? `no acknowledgement within ${timeoutMs} ms`
      : `the server did not answer within ${timeoutMs} ms`
  }
  if (message === '' || /undefined error/.test(message)) return 'the connection to the server was lost'
  return message
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), Math.max(ms, 1))
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A retry is worth it when the stream did not answer in time or was briefly unavailable. */
function retriable(error: unknown): boolean {
  return chainOf(error).some(
    (e) =>
      e.name === 'TimeoutError' ||
      e.name === 'NoResponders' ||
      e.name === 'JetStreamNotEnabled' ||
      /no responders|503/i.test(e.message ?? ''),
  )
}

/**
 * The NATS packages are CommonJS. Node's `import()` of them gives their exports as named
 * bindings, but inside the esbuild bundle of the binary the same `import()` gives a
 * namespace whose `default` holds them; take whichever holds the API.
 */
function interop<T extends object>(module: T): T {
  const inner = (module as { default?: unknown }).default
  return inner !== null && typeof inner === 'object' && !('connect' in module) && !('jetstream' in module)
    ? (inner as T)
    : module
}

const loadTransport = async () => interop(await import('@nats-io/transport-node'))
const loadJetStream = async () => interop(await import('@nats-io/jetstream'))

/** Connects with `connection`'s servers, credentials and TLS; rejects with the client's error. */
async function connectTo(connection: NatsConnection, timeoutMs: number): Promise<Client> {
  const nats = await loadTransport()
  const { auth } = connection
  const authOptions =
    auth.kind === 'user'
      ? { user: auth.user, pass: auth.password }
      : auth.kind === 'token'
        ? { token: auth.token }
        : auth.kind === 'nkey'
          ? { authenticator: nats.nkeyAuthenticator(auth.seed) }
          : auth.kind === 'creds'
            ? { authenticator: nats.credsAuthenticator(auth.creds) }
            : {}
  const attempt = nats.connect({
    servers: [...connection.servers],
    timeout: timeoutMs,
    reconnect: false,
    noRandomize: true,
    name: 'kaizen-agentic prepare',
    ...authOptions,
    ...(connection.tls ? { tls: { ...connection.tls } } : {}),
  })
  try {
    // The client's own timeout covers the handshake; this one also covers a stalled TCP connect.
    return await withTimeout(attempt, timeoutMs + 500)
  } catch (error) {
    // Should the attempt still succeed later, do not leave a connection holding the process open.
    attempt.then((late) => late.close()).catch(() => undefined)
    throw error
  }
}

/** The stream capturing `subject`, undefined when none does, or why the server could not say. */
async function streamFor(
  nc: Client,
  subject: string,
  timeoutMs: number,
): Promise<{ readonly stream?: string; readonly problem?: string }> {
  // The INFO the server sent says whether JetStream is on: without it, asking would only time out.
  if (nc.info?.jetstream !== true) return {}
  const { jetstreamManager } = await loadJetStream()
  try {
    const jsm = await jetstreamManager(nc, { timeout: timeoutMs, checkAPI: false })
    return { stream: await jsm.streams.find(subject) }
  } catch (error) {
    const chain = chainOf(error)
    if (chain.some((e) => e.name === 'StreamNotFoundError' || /no stream matches/i.test(e.message ?? ''))) return {}
    if (chain.some((e) => e.name === 'JetStreamNotEnabled' || e.name === 'NoResponders')) return {}
    const message = chain.map((e) => e.message ?? '').find((m) => m !== '') ?? 'no answer'
    return { problem: message === 'timeout' ? `no answer within ${timeoutMs} ms` : message }
  }
}

/**
 * Publishes `message` to the servers of `connection` and waits until a stream has
 * acknowledged it, or, with no stream on the subject, until the server has it.
 */
export async function publishEvent(
  connection: NatsConnection,
  message: NatsEventMessage,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const timeoutMs = options.timeoutMs ?? NATS_TIMEOUT_MS
  const subject = options.subject ?? SCHEDULE_PREPARED_SUBJECT
  const deadline = Date.now() + timeoutMs
  const remaining = () => deadline - Date.now()
  const redact = (text: string) => redactSecrets(text, connection.secrets)
  const fail = (text: string): PublishResult => ({ ok: false, message: redact(text) })

  let nc: Client
  try {
    nc = await connectTo(connection, timeoutMs)
  } catch (error) {
    return fail(`cannot connect to NATS at ${connection.url}: ${connectFailureReason(error, connection, timeoutMs)}`)
  }
  const server =
    nc.getServer() === ''
      ? connection.url
      : (connection.url.split(',').find((u) => u.endsWith(`//${nc.getServer()}`)) ?? connection.url)
  // A dropped connection leaves the client's pending flush unsettled: race everything against it.
  const lost = nc.closed().then((cause) => {
    throw Object.assign(new Error('connection closed', { cause }), { name: 'ClosedConnectionError' })
  })
  lost.catch(() => undefined)
  const untilLost = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, lost])
  try {
    const { headers: natsHeaders } = await loadTransport()
    const headersOf = () => {
      const h = natsHeaders()
      for (const [name, value] of Object.entries(message.headers)) h.set(name, value)
      return h
    }
    const bytes = Buffer.byteLength(message.body, 'utf8')
    const maxPayload = nc.info?.max_payload ?? 0
    if (maxPayload > 0 && bytes > maxPayload) {
      return fail(
        `cannot publish to ${server}: ${publishFailureReason(new Error('max_payload'), timeoutMs, bytes, maxPayload)}`,
      )
    }

    const found = await streamFor(nc, subject, Math.max(remaining(), 1))
    if (found.stream !== undefined) {
      const { jetstream } = await loadJetStream()
      const js = jetstream(nc)
      let lastError: unknown
      for (let attempt = 0; remaining() > 0; attempt++) {
        try {
          const ack = await untilLost(
            js.publish(subject, message.body, {
              msgID: message.id,
              headers: headersOf(),
              timeout: Math.max(Math.min(remaining(), ATTEMPT_TIMEOUT_MS), 1),
            }),
          )
          return { ok: true, server, ack: { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate } }
        } catch (error) {
          lastError = error
          if (!retriable(error) || nc.isClosed()) break
          // The same Nats-Msg-Id makes a retry safe: a stream that did store it reports a duplicate.
          await sleep(Math.min(100 * 2 ** attempt, 1000, Math.max(remaining(), 0)))
        }
      }
      return fail(
        `cannot publish to stream ${found.stream} at ${server}: ${publishFailureReason(lastError, timeoutMs, bytes, maxPayload)}`,
      )
    }

    const why =
      found.problem !== undefined
        ? `could not ask the server whether a JetStream stream captures ${subject} (${found.problem})`
        : `no JetStream stream captures ${subject}`
    if (options.requireAck) {
      return fail(`--require-ack: ${why} at ${server}; nothing would acknowledge the event, so it was not sent`)
    }
    nc.publish(subject, message.body, { headers: headersOf() })
    // A flush round-trips to the server: once it returns, the server has the message.
    await withTimeout(untilLost(nc.flush()), Math.max(remaining(), 1))
    return {
      ok: true,
      server,
      ack: null,
      notice: redact(`${why} at ${server}: the event reached only current subscribers, nothing persisted it`),
    }
  } catch (error) {
    return fail(
      `cannot publish to ${server}: ${publishFailureReason(error, timeoutMs, Buffer.byteLength(message.body), nc.info?.max_payload ?? 0, false)}`,
    )
  } finally {
    await nc.close().catch(() => undefined)
  }
}
