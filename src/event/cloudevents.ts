/**
 * CloudEvents binary content mode for NATS (SPEC §6): the payload is the message body
 * and the context attributes travel as `ce-*` headers, percent-encoded as the NATS
 * protocol binding (§3.1.3.2) requires, so Go and Python consumers can read the event
 * with the CloudEvents SDKs.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { CLOUDEVENTS_JSON, SCHEDULE_PREPARED_SUBJECT } from '../../contracts/constants.ts'
import type {
  CloudEventHeaders,
  SchedulePreparedEvent,
  StructuredCloudEvent,
} from '../../contracts/schedule-prepared-event.ts'
import eventSchema from '../../generated/schemas/schedule-prepared-event.schema.json' with { type: 'json' }
// Precompiled at generate time: compiling the TypeBox shapes here would load TypeBox on every emit.
import validateHeaders from '../../generated/validators/cloud-event-headers.ts'
import type { PrecompiledValidator } from '../../generated/validators/index.ts'
import validateStructured from '../../generated/validators/structured-cloud-event.ts'
import { problemLine } from '../schema/phrase.ts'
import type { CeMode } from './nats-emit-flags.ts'

const encoder = new TextEncoder()

/**
 * Percent-encodes a header value: space, `"`, `%` and every character outside
 * printable ASCII (U+0021..U+007E) become `%XY` per UTF-8 byte, upper-case hex.
 */
export function percentEncodeHeaderValue(value: string): string {
  let out = ''
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0
    if (code >= 0x21 && code <= 0x7e && char !== '"' && char !== '%') {
      out += char
    } else {
      for (const byte of encoder.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    }
  }
  return out
}

/** The producer's `ce-source`: this host's `schedule` component, as a URI. */
export const eventSource = (host: string = hostname()): string =>
  `kaizen-agentic://${encodeURIComponent(host)}/schedule`

/** What identifies one emission; injected so tests can pin them. */
export interface CloudEventIdentity {
  /** Unique event id (default: a random UUID). */
  readonly id?: string
  /** Producer URI (default: `eventSource()`). */
  readonly source?: string
}

/** The `ce-*` headers (and `content-type`) of `event`, values percent-encoded. */
export function cloudEventHeaders(event: SchedulePreparedEvent, identity: CloudEventIdentity = {}): CloudEventHeaders {
  const attributes: CloudEventHeaders = {
    'ce-specversion': '1.0',
    'ce-id': identity.id ?? randomUUID(),
    'ce-source': identity.source ?? eventSource(),
    'ce-type': SCHEDULE_PREPARED_SUBJECT,
    'ce-time': event.occurred_at,
    'ce-subject': event.repo,
    'ce-dataschema': eventSchema.$id,
    'ce-datacontenttype': 'application/json',
    'content-type': 'application/json',
  }
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, percentEncodeHeaderValue(value)]),
  ) as CloudEventHeaders
}

const checkHeaders: PrecompiledValidator = validateHeaders

/** Why `headers` do not match the `CloudEventHeaders` contract (empty when they do). */
export function cloudEventHeaderErrors(headers: unknown): string[] {
  if (checkHeaders(headers)) return []
  return (checkHeaders.errors ?? []).map((e) => problemLine(e, '(headers)'))
}

/** The whole CloudEvent of `event`, for structured mode (attribute values as they are: JSON needs no escaping). */
export function structuredCloudEvent(
  event: SchedulePreparedEvent,
  identity: CloudEventIdentity = {},
): StructuredCloudEvent {
  return {
    specversion: '1.0',
    id: identity.id ?? randomUUID(),
    source: identity.source ?? eventSource(),
    type: SCHEDULE_PREPARED_SUBJECT,
    time: event.occurred_at,
    subject: event.repo,
    dataschema: eventSchema.$id,
    datacontenttype: 'application/json',
    data: event,
  }
}

/** One NATS message: headers, body, and the event id (JetStream's `Nats-Msg-Id`). */
export interface NatsEventMessage {
  readonly id: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

const checkStructured: PrecompiledValidator = validateStructured

/**
 * The NATS message carrying `event` in `mode`, checked against its contract; the
 * errors list says why it breaks the contract (an internal error, never user input).
 */
export function natsEventMessage(
  event: SchedulePreparedEvent,
  mode: CeMode,
  identity: CloudEventIdentity = {},
): { readonly ok: true; readonly message: NatsEventMessage } | { readonly ok: false; readonly errors: string[] } {
  const id = identity.id ?? randomUUID()
  if (mode === 'structured') {
    const document = structuredCloudEvent(event, { ...identity, id })
    if (!checkStructured(document)) {
      return { ok: false, errors: (checkStructured.errors ?? []).map((e) => problemLine(e, '(event)')) }
    }
    return { ok: true, message: { id, headers: { 'content-type': CLOUDEVENTS_JSON }, body: JSON.stringify(document) } }
  }
  const headers = cloudEventHeaders(event, { ...identity, id })
  const errors = cloudEventHeaderErrors(headers)
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, message: { id: headers['ce-id'], headers, body: JSON.stringify(event) } }
}
