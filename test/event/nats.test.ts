/**
 * `--emit nats://…` against a real nats-server on a free loopback port: what arrives is
 * the valid payload with CloudEvents binary-mode headers. Also: a server that is down,
 * and one that accepts but never answers. Without a nats-server binary these tests
 * skip locally; under CI=true they must run.
 */
import { createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CloudEventHeaders,
  SCHEDULE_PREPARED_SUBJECT,
  SchedulePreparedEvent,
} from '../../contracts/schedule-prepared-event.ts'
import { prepareBundle } from '../../src/bundle/prepare.ts'
import { buildPreparedEvent } from '../../src/event/build-event.ts'
import { cloudEventHeaderErrors, cloudEventHeaders } from '../../src/event/cloudevents.ts'
import { publishEvent } from '../../src/event/publish-nats.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { runCliCaptured, runScript } from '../helpers/cli.ts'
import { findNatsServer, freeLoopbackPort, type RunningNats, startNatsServer } from '../helpers/nats-server.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { findPythonWithJsonschema, mustRunExternalTools, validateWithPython } from '../helpers/python.ts'

const EXAMPLE = join(PROJECT_ROOT, 'examples/acme-service')
const NOW = '2026-06-17T09:00:12Z'
const binary = findNatsServer()
const runNats = binary !== null || mustRunExternalTools()
if (!runNats) {
  console.warn('skipping the NATS integration tests: no nats-server binary (apt-get install nats-server)')
}

/** The headers of a received message as a plain object, names as sent. */
const headersOf = (msg: Msg): Record<string, string> =>
  Object.fromEntries([...(msg.headers?.keys() ?? [])].map((name) => [name, msg.headers?.get(name) ?? '']))

/** The next message on the subject, or an error after `ms`. */
function nextMessage(nc: NatsConnection, ms = 20_000): Promise<Msg> {
  const sub = nc.subscribe(SCHEDULE_PREPARED_SUBJECT, { max: 1 })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message on ${SCHEDULE_PREPARED_SUBJECT} within ${ms} ms`)), ms)
    ;(async () => {
      for await (const msg of sub) {
        clearTimeout(timer)
        resolve(msg)
      }
    })().catch(reject)
  })
}

describe.skipIf(!runNats)('publishing to a real nats-server', () => {
  let server: RunningNats
  let nc: NatsConnection

  beforeAll(async () => {
    if (!binary) throw new Error('CI=true: the NATS integration tests must run, but no nats-server binary was found')
    server = await startNatsServer(binary)
    nc = await connect({ servers: `127.0.0.1:${server.port}` })
  })
  afterAll(async () => {
    await nc?.close()
    await server?.stop()
  })

  it('`prepare --emit nats://…` (a tsx subprocess) publishes the valid payload with CloudEvents headers', async () => {
    const arrival = nextMessage(nc)
    await nc.flush() // the subscription is registered before the publisher starts
    const run = await runScript('prepare', ['coach', '--target', 'examples/acme-service', '--emit', server.url], {
      env: { KAIZEN_NOW: NOW },
    })
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    const msg = await arrival

    const payload = msg.json<SchedulePreparedEvent>()
    const validate = validatorFor('schedule-prepared-event')
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true)
    expect(payload).toMatchObject({
      event: 'kaizen.schedule.prepared',
      occurred_at: NOW,
      repo: 'acme-service',
      root: EXAMPLE,
      agent: 'coach',
      bundle: { format: 'markdown', agent_prompt_found: true, pointers: ['scope', 'todo'] },
    })
    // `bytes` is the size of what the subprocess printed: the bundle, and nothing after it.
    expect(payload.bundle.bytes).toBe(Buffer.byteLength(run.stdout, 'utf8'))
    expect(msg.string()).not.toContain('acme-fake-secret')

    const headers = headersOf(msg)
    expect(Object.keys(headers).sort()).toEqual(Object.keys(CloudEventHeaders.properties).sort())
    expect(cloudEventHeaderErrors(headers)).toEqual([])
    expect(headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-type': SCHEDULE_PREPARED_SUBJECT,
      'ce-time': payload.occurred_at,
      'ce-subject': payload.repo,
      'ce-dataschema': SchedulePreparedEvent.schema.$id,
      'content-type': 'application/json',
    })
    expect(headers['ce-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(decodeURIComponent(headers['ce-source'] ?? '')).toMatch(/^kaizen-agentic:\/\/[^/]+\/schedule$/)

    const python = findPythonWithJsonschema()
    if (python || mustRunExternalTools()) {
      if (!python) throw new Error('python3 with jsonschema is required under CI=true')
      const schema = join(PROJECT_ROOT, 'generated/schemas/schedule-prepared-event.schema.json')
      const verdict = validateWithPython(python, [{ id: 'received', schema, instance: payload }]).get('received')
      expect(verdict?.valid).toBe(true)
    }
  })

  it('publishEvent delivers exactly the payload and headers it was given', async () => {
    const prepared = await prepareBundle({ root: EXAMPLE, agent: 'coach', format: 'json', now: new Date(NOW) })
    if (!prepared.ok) throw new Error('prepare failed')
    const built = buildPreparedEvent(prepared.bundle, 'json')
    if (!built.ok) throw new Error('event failed')
    const headers = cloudEventHeaders(built.event, { id: 'test-id-1', source: 'kaizen-agentic://test/schedule' })
    const arrival = nextMessage(nc)
    await nc.flush()
    expect(await publishEvent(`127.0.0.1:${server.port}`, built.event, headers)).toEqual({ ok: true })
    const msg = await arrival
    expect(msg.subject).toBe('kaizen.schedule.prepared')
    expect(msg.json()).toEqual(built.event)
    expect(headersOf(msg)).toEqual(headers)
  })
})

describe('publishing when no server answers', () => {
  it('fails at once with a clear message when nothing listens on the port', async () => {
    const port = await freeLoopbackPort()
    const result = await publishEvent(`127.0.0.1:${port}`, {} as SchedulePreparedEvent, {} as CloudEventHeaders, {
      timeoutMs: 2000,
    })
    expect(result).toEqual({
      ok: false,
      message: `cannot connect to the NATS server at nats://127.0.0.1:${port} (connection refused, timeout 2000 ms); is nats-server running there?`,
    })
  })

  it('gives up after the timeout when the server accepts but never speaks NATS', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const result = await publishEvent(`127.0.0.1:${port}`, {} as SchedulePreparedEvent, {} as CloudEventHeaders, {
        timeoutMs: 300,
      })
      expect(result).toEqual({
        ok: false,
        message: `cannot connect to the NATS server at nats://127.0.0.1:${port} (timed out, timeout 300 ms); is nats-server running there?`,
      })
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('`prepare --emit nats://…` exits 1 with the message, and prints no bundle', async () => {
    const port = await freeLoopbackPort()
    const run = await runCliCaptured(
      ['schedule', 'prepare', 'coach', '--target', EXAMPLE, '--emit', `nats://127.0.0.1:${port}`],
      { env: { KAIZEN_NOW: NOW } },
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(
      `error: --emit: cannot connect to the NATS server at nats://127.0.0.1:${port} (connection refused`,
    )
  })
})
