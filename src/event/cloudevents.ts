/**
 * CloudEvents binary content mode for NATS (SPEC §6): the payload is the message body
 * and the context attributes travel as `ce-*` headers, percent-encoded as the NATS
 * protocol binding (§3.1.3.2) requires, so Go and Python consumers can read the event
 * with the CloudEvents SDKs.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { SCHEDULE_PREPARED_SUBJECT } from '../../contracts/constants.ts'
import type { CloudEventHeaders, SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import eventSchema from '../../generated/schemas/schedule-prepared-event.schema.json' with { type: 'json' }
// Precompiled at generate time: compiling the TypeBox schema here would load TypeBox on every emit.
import validateHeaders from '../../generated/validators/cloud-event-headers.ts'
import type { PrecompiledValidator } from '../../generated/validators/index.ts'

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
  return (checkHeaders.errors ?? []).map((e) => `${e.instancePath || '(headers)'} ${e.message ?? 'is invalid'}`)
}
