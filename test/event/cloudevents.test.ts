/** CloudEvents binary-mode headers for NATS: the contract's shape, percent-encoded per the NATS binding. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CloudEventHeaders, type SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import {
  cloudEventHeaderErrors,
  cloudEventHeaders,
  eventSource,
  natsEventMessage,
  percentEncodeHeaderValue,
} from '../../src/event/cloudevents.ts'
import { createAjv } from '../../src/schema/ajv.ts'

const EVENT: SchedulePreparedEvent = {
  event: 'kaizen.schedule.prepared',
  version: '1',
  occurred_at: '2026-06-17T09:00:12Z',
  repo: 'acme-service',
  root: '/srv/acme-service',
  agent: 'coach',
  cadence: 'weekly',
  prepare_command: 'kaizen-agentic schedule prepare coach --target /srv/acme-service',
  bundle: {
    format: 'markdown',
    agent_prompt_found: true,
    has_memory: true,
    has_metrics: true,
    pointers: ['scope'],
    bytes: 4242,
  },
  session_close: ['kaizen-agentic metrics record coach --success --time <s> --quality <0-1>'],
}

describe('percentEncodeHeaderValue', () => {
  it('encodes the binding specification example', () => {
    expect(percentEncodeHeaderValue('Euro € 😀')).toBe('Euro%20%E2%82%AC%20%F0%9F%98%80')
  })

  it('encodes space, double quote, percent and control characters, and nothing else of printable ASCII', () => {
    expect(percentEncodeHeaderValue('a "b" 100%\u0001\u007f')).toBe('a%20%22b%22%20100%25%01%7F')
    expect(percentEncodeHeaderValue("https://x.dev/a-b_c.d~e?f=g&h#i:'*(),;")).toBe(
      "https://x.dev/a-b_c.d~e?f=g&h#i:'*(),;",
    )
  })

  it('is undone by one round of percent-decoding, and only emits printable ASCII (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const encoded = percentEncodeHeaderValue(value)
        expect(encoded).toMatch(/^[\x21-\x7e]*$/)
        expect(encoded).not.toMatch(/["]/)
        expect(decodeURIComponent(encoded)).toBe(value)
      }),
    )
  })
})

describe('cloudEventHeaders', () => {
  it('maps the event to the ce-* headers of the contract', () => {
    const headers = cloudEventHeaders(EVENT, {
      id: 'f3b3c7a2-1111-4222-8333-944445555666',
      source: 'kaizen-agentic://devbox/schedule',
    })
    expect(headers).toEqual({
      'ce-specversion': '1.0',
      'ce-id': 'f3b3c7a2-1111-4222-8333-944445555666',
      'ce-source': 'kaizen-agentic://devbox/schedule',
      'ce-type': 'kaizen.schedule.prepared',
      'ce-time': '2026-06-17T09:00:12Z',
      'ce-subject': 'acme-service',
      'ce-dataschema': 'https://schemas.kaizen-agentic.dev/schedule-prepared-event/v1.schema.json',
      'ce-datacontenttype': 'application/json',
      'content-type': 'application/json',
    })
    expect(cloudEventHeaderErrors(headers)).toEqual([])
  })

  it('gives every event a fresh id and this host as the source by default', () => {
    const a = cloudEventHeaders(EVENT)
    const b = cloudEventHeaders(EVENT)
    expect(a['ce-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(a['ce-id']).not.toBe(b['ce-id'])
    expect(a['ce-source']).toBe(percentEncodeHeaderValue(eventSource()))
    expect(cloudEventHeaderErrors(a)).toEqual([])
  })

  it('percent-encodes a source that needs it, and still matches the contract', () => {
    const headers = cloudEventHeaders(EVENT, { id: 'x', source: eventSource('büro pc') })
    expect(headers['ce-source']).toBe('kaizen-agentic://b%25C3%25BCro%2520pc/schedule')
    expect(cloudEventHeaderErrors(headers)).toEqual([])
  })

  it('says what is wrong with headers that break the contract', () => {
    const good = cloudEventHeaders(EVENT, { id: 'x', source: 'y' })
    const { 'ce-id': _, ...withoutId } = good
    expect(cloudEventHeaderErrors({ ...withoutId, 'ce-type': 'other.type' })).toEqual(
      expect.arrayContaining([expect.stringContaining('ce-id'), expect.stringMatching(/^\/ce-type /)]),
    )
  })
})

describe('natsEventMessage', () => {
  const identity = { id: 'f3b3c7a2-1111-4222-8333-944445555666', source: 'kaizen-agentic://devbox/schedule' }

  it('binary mode: the payload as body, the ce- headers, the event id for Nats-Msg-Id', () => {
    const built = natsEventMessage(EVENT, 'binary', identity)
    expect(built).toEqual({
      ok: true,
      message: { id: identity.id, headers: cloudEventHeaders(EVENT, identity), body: JSON.stringify(EVENT) },
    })
  })

  it('structured mode: one CloudEvent document as application/cloudevents+json, attributes not percent-encoded', () => {
    const built = natsEventMessage(EVENT, 'structured', { ...identity, source: eventSource('büro pc') })
    if (!built.ok) throw new Error(built.errors.join('; '))
    expect(built.message.headers).toEqual({ 'content-type': 'application/cloudevents+json' })
    expect(JSON.parse(built.message.body)).toEqual({
      specversion: '1.0',
      id: identity.id,
      source: 'kaizen-agentic://b%C3%BCro%20pc/schedule',
      type: 'kaizen.schedule.prepared',
      time: EVENT.occurred_at,
      subject: EVENT.repo,
      dataschema: 'https://schemas.kaizen-agentic.dev/schedule-prepared-event/v1.schema.json',
      datacontenttype: 'application/json',
      data: EVENT,
    })
  })

  it('refuses to build a message that breaks its contract', () => {
    const broken = { ...EVENT, occurred_at: 'yesterday' }
    for (const mode of ['binary', 'structured'] as const) {
      const built = natsEventMessage(broken, mode, identity)
      expect(built.ok).toBe(false)
      expect(!built.ok && built.errors.join('\n')).toMatch(/time/)
    }
  })
})

describe('the precompiled CloudEvents headers validator', () => {
  // Generated from the contract's CloudEventHeaders, so the emitter never loads TypeBox: it must judge as Ajv does on the source.
  const compiled = createAjv({ verbose: true }).compile(JSON.parse(JSON.stringify(CloudEventHeaders)))
  const good = cloudEventHeaders(EVENT, { id: 'x', source: 'y' })
  const { 'ce-id': _, ...withoutId } = good
  it.each([
    ['valid headers', good],
    ['a missing ce-id', withoutId],
    ['a wrong ce-type', { ...good, 'ce-type': 'other.type' }],
    ['a time without a zone', { ...good, 'ce-time': '2026-06-17T09:00:12' }],
    ['a wrong dataschema', { ...good, 'ce-dataschema': 'https://example.com/x.json' }],
    ['not an object', 'ce-id: x'],
  ])('agrees with the contract compiled at run time on %s', (_name, headers) => {
    expect(cloudEventHeaderErrors(headers).length === 0).toBe(compiled(headers))
  })

  it('holds both verdicts among those cases (valid and invalid)', () => {
    expect(compiled(good)).toBe(true)
    expect(compiled(withoutId)).toBe(false)
  })
})
