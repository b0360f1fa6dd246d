/** Parsing `--emit`: FILE, `-` or nats://HOST:PORT; anything else is a usage error with a reason. */
import { describe, expect, it } from 'vitest'
import { parseEmitTarget } from '../../src/event/emit-target.ts'

describe('parseEmitTarget', () => {
  it.each([
    ['-', { kind: 'stdout' }],
    ['event.json', { kind: 'file', path: '/work/here/event.json' }],
    ['../out/event.json', { kind: 'file', path: '/work/out/event.json' }],
    ['/tmp/event.json', { kind: 'file', path: '/tmp/event.json' }],
    ['nats://127.0.0.1:4222', { kind: 'nats', server: '127.0.0.1:4222', url: 'nats://127.0.0.1:4222' }],
    ['nats://localhost', { kind: 'nats', server: 'localhost:4222', url: 'nats://localhost:4222' }],
    ['NATS://bus.internal:4333/', { kind: 'nats', server: 'bus.internal:4333', url: 'nats://bus.internal:4333' }],
  ])('%j', (value, target) => {
    expect(parseEmitTarget(value, '/work/here')).toEqual({ ok: true, target })
  })

  it.each([
    ['http://bus:4222', /does not support http:\/\/ URLs/],
    ['nats://user:secret@bus:4222', /credentials are not supported/],
    ['nats://bus:4222/subject', /not a NATS server address/],
    ['nats://bus:99999', /not a valid URL/],
    ['nats://', /not a valid URL|not a NATS server address/],
    ['  ', /needs a FILE/],
  ])('refuses %j', (value, message) => {
    const parsed = parseEmitTarget(value, '/work/here')
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.message).toMatch(message)
    expect(!parsed.ok && parsed.message).not.toContain('secret')
  })
})
