/**
 * The hub client against a real HTTP server on 127.0.0.1: a good answer, a 500 then
 * a good answer, 404, 401, non-JSON, JSON that is not a roster, no answer at all, a
 * refused connection; the token is sent and never appears in a message.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { fetchRoster, redact, rosterUrlOf } from '../../src/discover/hub.ts'
import type { RosterLoad } from '../../src/discover/roster.ts'
import { closedPort, type FakeHub, type HubReply, startFakeHub } from './hub-server.ts'

const ROSTER = [
  { slug: 'svc', host_paths: { devbox: '/srv/svc' }, default_branch: 'main' },
  { slug: 'legacy', host_paths: {}, kaizen_schedule_enabled: false },
]
const ok: HubReply = { status: 200, body: JSON.stringify(ROSTER) }
const TOKEN = 's3cr3t-hub-token-0123456789'
// Fast retries: the backoff itself is not under test, only that retries happen and stop.
const FAST = { timeoutMs: 2_000, retries: 2, backoffMs: 5 } as const

let hub: FakeHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

const failure = (load: RosterLoad) => {
  if (load.ok) throw new Error('expected a failure')
  return load
}

describe('fetchRoster', () => {
  it('200: returns the roster, asks for JSON at URL/repos/, sends the bearer token', async () => {
    hub = await startFakeHub([ok])
    const load = await fetchRoster(hub.url, { ...FAST, token: TOKEN })
    expect(load.ok && load.roster).toEqual(ROSTER)
    expect(hub.requests).toHaveLength(1)
    expect(hub.requests[0]).toMatchObject({
      method: 'GET',
      url: '/repos/',
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
    })
  })

  it('sends no authorization header without a token (or with an empty one)', async () => {
    hub = await startFakeHub([ok])
    await fetchRoster(hub.url, FAST)
    await fetchRoster(hub.url, { ...FAST, token: '' })
    expect(hub.requests.map((r) => r.headers.authorization)).toEqual([undefined, undefined])
  })

  it('keeps a path prefix of the hub URL', async () => {
    hub = await startFakeHub([ok])
    await fetchRoster(`${hub.url}/api/v1`, FAST)
    await fetchRoster(`${hub.url}/api/v1/?x=1#frag`, FAST)
    expect(hub.requests.map((r) => r.url)).toEqual(['/api/v1/repos/', '/api/v1/repos/'])
  })

  it('500 then 200: retries and succeeds', async () => {
    hub = await startFakeHub([{ status: 500, body: 'oops', contentType: 'text/plain' }, ok])
    const load = await fetchRoster(hub.url, FAST)
    expect(load.ok).toBe(true)
    expect(hub.requests).toHaveLength(2)
  })

  it('5xx every time: gives up after the bounded retries with the last status', async () => {
    hub = await startFakeHub([{ status: 503, body: '' }])
    const load = failure(await fetchRoster(hub.url, FAST))
    expect(hub.requests).toHaveLength(3)
    expect(load.message).toBe(
      `cannot get the roster from ${hub.url}/repos/: answered 503 Service Unavailable (3 attempts)`,
    )
  })

  it('429 is retried too', async () => {
    hub = await startFakeHub([{ status: 429, body: '' }, ok])
    expect((await fetchRoster(hub.url, FAST)).ok).toBe(true)
    expect(hub.requests).toHaveLength(2)
  })

  it('404: fails at once, naming the status and the URL', async () => {
    hub = await startFakeHub([{ status: 404, body: '{"detail":"Not Found"}' }])
    const load = failure(await fetchRoster(hub.url, FAST))
    expect(hub.requests).toHaveLength(1)
    expect(load.message).toBe(`state-hub answered 404 Not Found for GET ${hub.url}/repos/`)
  })

  it('401 without a token says to set STATE_HUB_TOKEN; with one, that it was refused', async () => {
    hub = await startFakeHub([{ status: 401, body: '' }])
    expect(failure(await fetchRoster(hub.url, FAST)).message).toMatch(
      /401 Unauthorized .*no token was sent: set STATE_HUB_TOKEN$/,
    )
    expect(failure(await fetchRoster(hub.url, { ...FAST, token: TOKEN })).message).toMatch(
      /401 Unauthorized .*it refused the token in STATE_HUB_TOKEN$/,
    )
  })

  it('non-JSON: fails without retrying, with the content type and how the answer starts', async () => {
    hub = await startFakeHub([{ status: 200, body: '<html>maintenance</html>', contentType: 'text/html' }])
    const load = failure(await fetchRoster(hub.url, FAST))
    expect(hub.requests).toHaveLength(1)
    expect(load.message).toMatch(
      /^state-hub's answer at http:\/\/127\.0\.0\.1:\d+\/repos\/ \(content-type text\/html\) is not JSON \(.*; it starts with "<html>maintenance<\/html>"\)$/,
    )
  })

  it('JSON that is not a roster: says which entry and field', async () => {
    hub = await startFakeHub([
      { status: 200, body: JSON.stringify([ROSTER[0], { slug: 'x', host_paths: { devbox: 'rel' } }]) },
    ])
    const load = failure(await fetchRoster(hub.url, FAST))
    expect(load.message).toMatch(/^state-hub's answer at .* is not a valid roster:$/)
    expect(load.problems).toEqual([
      'entry 1 (slug "x"), field host_paths.devbox: must be an absolute path, got the string "rel"',
    ])
  })

  it('JSON that is not an array: says so', async () => {
    hub = await startFakeHub([{ status: 200, body: JSON.stringify({ results: ROSTER, count: 2 }) }])
    expect(failure(await fetchRoster(hub.url, FAST)).problems).toEqual([
      'the roster must be a JSON array of repos (state-hub GET /repos/), got an object (keys: results, count)',
    ])
  })

  it('no answer at all: times out per attempt, retries, then gives up', async () => {
    hub = await startFakeHub(['hang'])
    const load = failure(await fetchRoster(hub.url, { timeoutMs: 150, retries: 1, backoffMs: 5 }))
    expect(hub.requests).toHaveLength(2)
    expect(load.message).toBe(`cannot get the roster from ${hub.url}/repos/: no answer within 150 ms (2 attempts)`)
  })

  it('a hang then an answer: the retry succeeds', async () => {
    hub = await startFakeHub(['hang', ok])
    expect((await fetchRoster(hub.url, { timeoutMs: 150, retries: 1, backoffMs: 5 })).ok).toBe(true)
  })

  it('a refused connection (closed port): retries, then names the error', async () => {
    const port = await closedPort()
    const load = failure(await fetchRoster(`http://127.0.0.1:${port}`, FAST))
    expect(load.message).toBe(
      `cannot get the roster from http://127.0.0.1:${port}/repos/: connection failed (ECONNREFUSED) (3 attempts)`,
    )
  })

  it('retries: 0 makes exactly one attempt', async () => {
    hub = await startFakeHub([{ status: 500, body: '' }, ok])
    const load = failure(await fetchRoster(hub.url, { ...FAST, retries: 0 }))
    expect(hub.requests).toHaveLength(1)
    expect(load.message).toMatch(/answered 500 Internal Server Error \(1 attempt\)$/)
  })

  describe('the token never appears in a message', () => {
    it('even when the hub echoes it back in a non-JSON error page', async () => {
      hub = await startFakeHub([{ status: 200, body: `bad token ${TOKEN}`, contentType: 'text/plain' }])
      const load = failure(await fetchRoster(hub.url, { ...FAST, token: TOKEN }))
      expect(load.message).toContain('[redacted]')
      expect(load.message).not.toContain(TOKEN)
    })

    it('even when the hub echoes it inside roster entries', async () => {
      hub = await startFakeHub([{ status: 200, body: JSON.stringify([{ slug: TOKEN, host_paths: { h: TOKEN } }]) }])
      const load = failure(await fetchRoster(hub.url, { ...FAST, token: TOKEN }))
      expect(JSON.stringify(load)).not.toContain(TOKEN)
    })

    it('a token that cannot be a header value is refused before it reaches the HTTP layer', async () => {
      hub = await startFakeHub([ok])
      const bad = 'line-one\nline-two'
      const load = failure(await fetchRoster(hub.url, { ...FAST, token: bad }))
      expect(load.message).toBe(
        'STATE_HUB_TOKEN holds characters that cannot go in an HTTP header (only visible ASCII is allowed)',
      )
      expect(load.message).not.toContain('line-one')
      expect(hub.requests).toHaveLength(0)
    })
  })
})

describe('rosterUrlOf', () => {
  it.each([
    ['http://hub:8000', 'http://hub:8000/repos/'],
    ['https://hub.example.com/', 'https://hub.example.com/repos/'],
    ['http://hub/api', 'http://hub/api/repos/'],
  ])('%s → %s', (base, url) => {
    const result = rosterUrlOf(base)
    expect(result.ok && result.url.href).toBe(url)
  })

  it.each([
    ['not a url', 'not a URL: "not a url" (expected e.g. http://state-hub:8000)'],
    ['ftp://hub/', 'unsupported protocol ftp: (expected http: or https:)'],
    ['http://user:pw@hub/', 'put credentials in STATE_HUB_TOKEN, not in the URL'],
  ])('refuses %s', (base, message) => {
    expect(rosterUrlOf(base)).toEqual({ ok: false, message })
  })
})

describe('redact', () => {
  it('replaces every occurrence, and leaves text alone without a token', () => {
    expect(redact('a TOKEN b TOKEN', 'TOKEN')).toBe('a [redacted] b [redacted]')
    expect(redact('a TOKEN', undefined)).toBe('a TOKEN')
    expect(redact('a TOKEN', '')).toBe('a TOKEN')
  })
})
