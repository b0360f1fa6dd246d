/** Parsing `--emit`: FILE, `-`, nats, nats:// or tls:// server lists; anything else is a usage error with a reason. */
import { describe, expect, it } from 'vitest'
import { parseEmitTarget } from '../../src/event/emit-target.ts'

const nats = (servers: string[], url: string, tls = false) => ({ kind: 'nats', servers, url, tls })

describe('parseEmitTarget', () => {
  it.each([
    ['-', { kind: 'stdout' }],
    ['event.json', { kind: 'file', path: '/work/here/event.json' }],
    ['../out/event.json', { kind: 'file', path: '/work/out/event.json' }],
    ['/tmp/event.json', { kind: 'file', path: '/tmp/event.json' }],
    ['nats://127.0.0.1:4222', nats(['127.0.0.1:4222'], 'nats://127.0.0.1:4222')],
    ['nats://localhost', nats(['localhost:4222'], 'nats://localhost:4222')],
    ['NATS://bus.internal:4333/', nats(['bus.internal:4333'], 'nats://bus.internal:4333')],
    ['tls://bus.internal', nats(['bus.internal:4222'], 'tls://bus.internal:4222', true)],
    ['nats://a:4222, tls://b:4223', nats(['a:4222', 'b:4223'], 'nats://a:4222,tls://b:4223', true)],
    ['nats', nats(['127.0.0.1:4222'], 'nats://127.0.0.1:4222')],
  ])('%j', (value, target) => {
    expect(parseEmitTarget(value, '/work/here')).toEqual({ ok: true, target })
  })

  it.each([
    ['http://bus:4222', /does not support http:\/\/ URLs/],
    ['nats://user:secret@bus:4222', /credentials in the URL are not supported on the command line/],
    ['nats://bus:4222,http://other:80', /does not support http:\/\/ URLs/],
    ['nats://bus:4222,other:4222', /does not support a server without nats:\/\/ or tls:\/\//],
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

describe('parseEmitTarget with NATS_URL', () => {
  it('`--emit nats` takes the servers from NATS_URL, credentials included but kept out of the url', () => {
    const env = { NATS_URL: 'tls://alice:s%40cret@bus:4222,nats://bus2' }
    expect(parseEmitTarget('nats', '/work', env)).toEqual({
      ok: true,
      target: {
        kind: 'nats',
        servers: ['bus:4222', 'bus2:4222'],
        url: 'tls://bus:4222,nats://bus2:4222',
        tls: true,
        credentials: { kind: 'user', user: 'alice', password: 's@cret' },
      },
    })
    expect(parseEmitTarget('nats', '/work', { NATS_URL: 'nats://tok3n@bus' })).toMatchObject({
      ok: true,
      target: { url: 'nats://bus:4222', credentials: { kind: 'token', token: 'tok3n' } },
    })
  })

  it('names NATS_URL, never its value, when it is wrong', () => {
    const parsed = parseEmitTarget('nats', '/work', { NATS_URL: 'nats://alice:secret@bus:99999' })
    expect(parsed).toEqual({
      ok: false,
      message:
        'NATS_URL holds a server that is not a valid URL; expected nats://HOST:PORT or tls://HOST:PORT (a comma-separated list for several servers)',
    })
  })
})
