/**
 * `--emit nats…` against real nats-server processes on free loopback ports, configured
 * the way production NATS is: open; user/password; token; NKey; TLS with a CA made here
 * by openssl (and mutual TLS, and a certificate for the wrong host); JetStream with a
 * stream on `kaizen.>`. For each: the event arrives with the contract's headers, no
 * secret appears in any output or in the message, and failures are one clear line.
 * A Go consumer built from Debian's nats.go reads the message too. Without nats-server
 * (or openssl, or Go) these tests skip locally with a message; under CI=true they run.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream'
import { encodeAccount, encodeOperator, encodeUser, fmtCreds } from '@nats-io/jwt'
import { createAccount, createOperator, createUser } from '@nats-io/nkeys'
import {
  type ConnectionOptions,
  connect,
  credsAuthenticator,
  type Msg,
  type NatsConnection,
  nkeyAuthenticator,
} from '@nats-io/transport-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CLOUDEVENTS_JSON,
  CloudEventHeaders,
  SCHEDULE_PREPARED_SUBJECT,
  SchedulePreparedEvent,
  type StructuredCloudEvent,
} from '../../contracts/schedule-prepared-event.ts'
import { prepareBundle } from '../../src/bundle/prepare.ts'
import { buildPreparedEvent } from '../../src/event/build-event.ts'
import { cloudEventHeaderErrors, natsEventMessage } from '../../src/event/cloudevents.ts'
import type { NatsConnection as Connection } from '../../src/event/nats-options.ts'
import { publishEvent } from '../../src/event/publish-nats.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { runCliCaptured, runScript } from '../helpers/cli.ts'
import { buildGoProgram, findGoWithNats } from '../helpers/go.ts'
import {
  findNatsServer,
  freeLoopbackPort,
  type NatsServerOptions,
  type RunningNats,
  startNatsServer,
} from '../helpers/nats-server.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { findPythonWithJsonschema, mustRunExternalTools, validateWithPython } from '../helpers/python.ts'
import { hasOpenssl, makeTlsMaterial, type TlsMaterial } from '../helpers/tls-material.ts'

const EXAMPLE = join(PROJECT_ROOT, 'examples/acme-service')
const NOW = '2026-06-17T09:00:12Z'
const binary = findNatsServer()
const runNats = binary !== null || mustRunExternalTools()
if (!runNats) {
  console.warn('skipping the NATS integration tests: no nats-server binary (apt-get install nats-server)')
}
const runTls = runNats && (hasOpenssl() || mustRunExternalTools())
if (runNats && !runTls) console.warn('skipping the NATS TLS tests: no openssl binary')
const go = findGoWithNats()
const runGo = runNats && (go !== null || mustRunExternalTools())
if (runNats && !runGo) {
  console.warn(
    'skipping the Go consumer test: no go or nats.go (apt-get install golang-go golang-github-nats-io-go-nats-dev)',
  )
}

/** Starts a server, or fails loudly under CI=true when there is none. */
async function startServer(options: NatsServerOptions = {}): Promise<RunningNats> {
  if (!binary) throw new Error('CI=true: the NATS integration tests must run, but no nats-server binary was found')
  return startNatsServer(binary, options)
}

/** The headers of a received message as a plain object, names as sent. */
const headersOf = (msg: { headers?: Msg['headers'] }): Record<string, string> =>
  Object.fromEntries([...(msg.headers?.keys() ?? [])].map((name) => [name, msg.headers?.get(name) ?? '']))

/** A subscription to the subject, registered on the server before this resolves. */
async function subscribeNext(nc: NatsConnection, ms = 20_000): Promise<() => Promise<Msg>> {
  const sub = nc.subscribe(SCHEDULE_PREPARED_SUBJECT, { max: 1 })
  const arrival = new Promise<Msg>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message on ${SCHEDULE_PREPARED_SUBJECT} within ${ms} ms`)), ms)
    ;(async () => {
      for await (const msg of sub) {
        clearTimeout(timer)
        resolve(msg)
      }
    })().catch(reject)
  })
  await nc.flush()
  return () => arrival
}

/** Runs `prepare coach --emit <emit>` in process. */
const prepare = (emit: string, env: Record<string, string | undefined> = {}, extra: string[] = []) =>
  runCliCaptured(['schedule', 'prepare', 'coach', '--target', EXAMPLE, '--emit', emit, ...extra], {
    env: { KAIZEN_NOW: NOW, ...env },
  })

/** A binary-mode message: valid payload, exactly the contract's headers, consistent with the payload. */
function expectBinaryEvent(headers: Record<string, string>, body: string): SchedulePreparedEvent {
  const payload = JSON.parse(body) as SchedulePreparedEvent
  const validate = validatorFor('schedule-prepared-event')
  expect(validate(payload), JSON.stringify(validate.errors)).toBe(true)
  expect(payload).toMatchObject({ event: SCHEDULE_PREPARED_SUBJECT, occurred_at: NOW, repo: 'acme-service' })
  const ce = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('Nats-')))
  expect(Object.keys(ce).sort()).toEqual(Object.keys(CloudEventHeaders.properties).sort())
  expect(cloudEventHeaderErrors(ce)).toEqual([])
  expect(ce).toMatchObject({
    'ce-specversion': '1.0',
    'ce-type': SCHEDULE_PREPARED_SUBJECT,
    'ce-time': payload.occurred_at,
    'ce-subject': payload.repo,
    'ce-dataschema': SchedulePreparedEvent.schema.$id,
    'ce-datacontenttype': 'application/json',
    'content-type': 'application/json',
  })
  expect(ce['ce-id']).toMatch(/^[0-9a-f-]{36}$/)
  return payload
}

/** stderr without the example repo's deliberate metrics warning. */
const errorsOf = (stderr: string): string =>
  stderr
    .split('\n')
    .filter((line) => !line.startsWith('warning: metrics:'))
    .join('\n')

/** No secret in stdout, stderr, the message headers or body. */
function expectNoSecret(secrets: readonly string[], ...texts: string[]): void {
  for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret)
}

/** The built event and its binary-mode message, for in-process publishes. */
async function builtMessage(id?: string) {
  const prepared = await prepareBundle({ root: EXAMPLE, agent: 'coach', format: 'json', now: new Date(NOW) })
  if (!prepared.ok) throw new Error('prepare failed')
  const built = buildPreparedEvent(prepared.bundle, 'json')
  if (!built.ok) throw new Error('event failed')
  const message = natsEventMessage(built.event, 'binary', {
    ...(id === undefined ? {} : { id }),
    source: 'kaizen-agentic://test/schedule',
  })
  if (!message.ok) throw new Error('message failed')
  return { event: built.event, message: message.message }
}

const plain = (server: RunningNats): Connection => ({
  servers: [`127.0.0.1:${server.port}`],
  url: server.url,
  auth: { kind: 'none' },
  secrets: [],
})

describe.skipIf(!runNats)('an open nats-server', () => {
  let server: RunningNats
  let nc: NatsConnection

  beforeAll(async () => {
    server = await startServer()
    nc = await connect({ servers: `127.0.0.1:${server.port}` })
  })
  afterAll(async () => {
    await nc?.close()
    await server?.stop()
  })

  it('`prepare --emit nats://…` (a tsx subprocess) publishes the valid payload with binary-mode headers, and warns that nothing stored it', async () => {
    const next = await subscribeNext(nc)
    const run = await runScript('prepare', ['coach', '--target', 'examples/acme-service', '--emit', server.url], {
      env: { KAIZEN_NOW: NOW },
    })
    expect(run.stderr).not.toMatch(/error/)
    expect(run.stderr).toContain(
      `warning: no JetStream stream captures kaizen.schedule.prepared at ${server.url}: the event reached only current subscribers, nothing persisted it`,
    )
    expect(run.code).toBe(0)
    const msg = await next()
    const payload = expectBinaryEvent(headersOf(msg), msg.string())
    expect(payload).toMatchObject({ root: EXAMPLE, agent: 'coach', bundle: { format: 'markdown' } })
    // `bytes` is the size of what the subprocess printed: the bundle, and nothing after it.
    expect(payload.bundle.bytes).toBe(Buffer.byteLength(run.stdout, 'utf8'))
    expect(msg.string()).not.toContain('acme-fake-secret')
    expect(decodeURIComponent(headersOf(msg)['ce-source'] ?? '')).toMatch(/^kaizen-agentic:\/\/[^/]+\/schedule$/)

    const python = findPythonWithJsonschema()
    if (python || mustRunExternalTools()) {
      if (!python) throw new Error('python3 with jsonschema is required under CI=true')
      const schema = join(PROJECT_ROOT, 'generated/schemas/schedule-prepared-event.schema.json')
      const verdict = validateWithPython(python, [{ id: 'received', schema, instance: payload }]).get('received')
      expect(verdict?.valid).toBe(true)
    }
  })

  it('`--emit nats` takes the servers from NATS_URL, a comma-separated list whose first is down', async () => {
    const down = await freeLoopbackPort()
    const next = await subscribeNext(nc)
    const run = await prepare('nats', { NATS_URL: `nats://127.0.0.1:${down},${server.url}` })
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    expectBinaryEvent(headersOf(await next()), (await next()).string())
  })

  it('`--ce-mode structured` sends the whole CloudEvent as application/cloudevents+json', async () => {
    const next = await subscribeNext(nc)
    const run = await prepare(server.url, {}, ['--ce-mode', 'structured'])
    expect(run.code).toBe(0)
    const msg = await next()
    expect(headersOf(msg)).toEqual({ 'content-type': CLOUDEVENTS_JSON })
    const document = msg.json<StructuredCloudEvent>()
    expect(document).toMatchObject({
      specversion: '1.0',
      type: SCHEDULE_PREPARED_SUBJECT,
      time: NOW,
      subject: 'acme-service',
      dataschema: SchedulePreparedEvent.schema.$id,
      datacontenttype: 'application/json',
    })
    const validate = validatorFor('schedule-prepared-event')
    expect(validate(document.data), JSON.stringify(validate.errors)).toBe(true)
  })

  it('`--require-ack` without a stream exits 1, prints no bundle and sends nothing', async () => {
    const seen: Msg[] = []
    const sub = nc.subscribe(SCHEDULE_PREPARED_SUBJECT, {
      callback: (_err, msg) => {
        seen.push(msg)
      },
    })
    await nc.flush()
    const run = await prepare(server.url, {}, ['--require-ack'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(
      `error: --emit: --require-ack: no JetStream stream captures kaizen.schedule.prepared at ${server.url}; nothing would acknowledge the event, so it was not sent`,
    )
    await nc.flush()
    sub.unsubscribe()
    expect(seen).toEqual([])
  })

  it('publishEvent delivers exactly the body and headers it was given', async () => {
    const { event, message } = await builtMessage('test-id-1')
    const next = await subscribeNext(nc)
    const result = await publishEvent(plain(server), message)
    expect(result).toMatchObject({ ok: true, ack: null })
    const msg = await next()
    expect(msg.subject).toBe('kaizen.schedule.prepared')
    expect(msg.json()).toEqual(event)
    expect(headersOf(msg)).toEqual(message.headers)
  })
})

describe.skipIf(!runNats)('servers that require credentials', () => {
  const PASSWORD = 'pw-Zq7-secret-value'
  const TOKEN = 'tok-Wx9-secret-value'
  const nkeyUser = createUser()
  const seed = new TextDecoder().decode(nkeyUser.getSeed())
  let dir: string
  let userServer: RunningNats
  let tokenServer: RunningNats
  let nkeyServer: RunningNats
  // Operator mode: an operator signs an account, the account signs the user of the creds file.
  let credsServer: RunningNats
  let creds: Uint8Array
  let credsSecrets: string[]

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaizen-nats-auth-'))
    writeFileSync(join(dir, 'user.nk'), `${seed}\n`, { mode: 0o600 })
    const operator = createOperator()
    const account = createAccount()
    const credsUser = createUser()
    const operatorJwt = await encodeOperator('kaizen-test', operator)
    // An account JWT without limits allows no connection at all.
    const limits = { conn: -1, subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true }
    const accountJwt = await encodeAccount('kaizen', account, { limits }, { signer: operator })
    const userJwt = await encodeUser('runner', credsUser, account)
    creds = fmtCreds(userJwt, credsUser)
    credsSecrets = [userJwt, new TextDecoder().decode(credsUser.getSeed())]
    writeFileSync(join(dir, 'runner.creds'), creds, { mode: 0o600 })
    credsServer = await startServer({
      config: `operator: ${operatorJwt}\nresolver: MEMORY\nresolver_preload: { ${account.getPublicKey()}: ${accountJwt} }`,
    })
    ;[userServer, tokenServer, nkeyServer] = await Promise.all([
      startServer({ config: `authorization { user: alice, password: "${PASSWORD}" }` }),
      startServer({ config: `authorization { token: "${TOKEN}" }` }),
      startServer({ config: `authorization { users: [ { nkey: ${nkeyUser.getPublicKey()} } ] }` }),
    ])
  })
  afterAll(async () => {
    await Promise.all([userServer?.stop(), tokenServer?.stop(), nkeyServer?.stop(), credsServer?.stop()])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** Subscribes with `options`, runs prepare, and checks the event and that no secret leaked. */
  async function delivers(
    server: RunningNats,
    options: ConnectionOptions,
    env: Record<string, string>,
    extra: string[] = [],
  ) {
    const nc = await connect({ servers: `127.0.0.1:${server.port}`, ...options })
    try {
      const next = await subscribeNext(nc)
      const run = await prepare(server.url, env, extra)
      expect(run.stderr).not.toMatch(/error/)
      expect(run.code).toBe(0)
      const msg = await next()
      expectBinaryEvent(headersOf(msg), msg.string())
      expectNoSecret([PASSWORD, TOKEN, seed], run.stdout, run.stderr, msg.string(), JSON.stringify(headersOf(msg)))
    } finally {
      await nc.close()
    }
  }

  it('user/password from NATS_USER/NATS_PASSWORD', async () => {
    await delivers(userServer, { user: 'alice', pass: PASSWORD }, { NATS_USER: 'alice', NATS_PASSWORD: PASSWORD })
  })

  it('user/password from the flags, which beat the environment', async () => {
    await delivers(userServer, { user: 'alice', pass: PASSWORD }, { NATS_USER: 'alice', NATS_PASSWORD: 'wrong' }, [
      '--nats-user',
      'alice',
      '--nats-password',
      PASSWORD,
    ])
  })

  it('user/password written into NATS_URL, never shown', async () => {
    const nc = await connect({ servers: `127.0.0.1:${userServer.port}`, user: 'alice', pass: PASSWORD })
    try {
      const next = await subscribeNext(nc)
      const run = await prepare('nats', { NATS_URL: `nats://alice:${PASSWORD}@127.0.0.1:${userServer.port}` })
      expect(run.code).toBe(0)
      const msg = await next()
      expectNoSecret([PASSWORD], run.stdout, run.stderr, msg.string())
      expect(run.stderr).toContain(`at nats://127.0.0.1:${userServer.port}:`)
    } finally {
      await nc.close()
    }
  })

  it('a token from NATS_TOKEN', async () => {
    await delivers(tokenServer, { token: TOKEN }, { NATS_TOKEN: TOKEN })
  })

  it('an NKey seed file from NATS_NKEY', async () => {
    await delivers(
      nkeyServer,
      { authenticator: nkeyAuthenticator(nkeyUser.getSeed()) },
      { NATS_NKEY: join(dir, 'user.nk') },
    )
  })

  it('a credentials file (user JWT + seed) from NATS_CREDS, neither shown', async () => {
    const nc = await connect({ servers: `127.0.0.1:${credsServer.port}`, authenticator: credsAuthenticator(creds) })
    try {
      const next = await subscribeNext(nc)
      const run = await prepare(credsServer.url, { NATS_CREDS: join(dir, 'runner.creds') })
      expect(run.stderr).not.toMatch(/error/)
      expect(run.code).toBe(0)
      const msg = await next()
      expectBinaryEvent(headersOf(msg), msg.string())
      expectNoSecret(credsSecrets, run.stdout, run.stderr, msg.string(), JSON.stringify(headersOf(msg)))
    } finally {
      await nc.close()
    }
  })

  it.each([
    [
      'no credentials',
      {},
      'authorization violation: the server requires credentials and none were given (NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY, NATS_CREDS or the --nats-* flags)',
    ],
    [
      'a wrong password',
      { NATS_USER: 'alice', NATS_PASSWORD: `${PASSWORD}-not` },
      'authorization violation: the server rejected the credentials from NATS_USER/NATS_PASSWORD',
    ],
    [
      'a token where a user is expected',
      { NATS_TOKEN: TOKEN },
      'authorization violation: the server rejected the credentials from NATS_TOKEN',
    ],
  ])('%s: one line naming the cause and the server, exit 1, no bundle, no secret', async (_name, env, cause) => {
    const run = await prepare(userServer.url, env)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(errorsOf(run.stderr)).toBe(`error: --emit: cannot connect to NATS at ${userServer.url}: ${cause}\n`)
    expect(run.stderr).not.toContain('is nats-server running')
    expectNoSecret([PASSWORD, TOKEN], run.stderr)
  })

  it('a missing NKey seed file is exit 1 before any work; two ways to authenticate is a usage error', async () => {
    const missing = await prepare(nkeyServer.url, { NATS_NKEY: join(dir, 'absent.nk') })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe(
      `error: --emit: NATS_NKEY ${join(dir, 'absent.nk')}: the NKey seed file does not exist\n`,
    )
    const both = await prepare(userServer.url, { NATS_TOKEN: TOKEN, NATS_USER: 'alice', NATS_PASSWORD: PASSWORD })
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('NATS_USER/NATS_PASSWORD, NATS_TOKEN name more than one way to authenticate to NATS')
    expectNoSecret([PASSWORD, TOKEN], both.stderr, both.stdout)
  })
})

describe.skipIf(!runTls)('servers that speak TLS', () => {
  let dir: string
  let tls: TlsMaterial
  let server: RunningNats
  let wrongHost: RunningNats
  let mutual: RunningNats

  beforeAll(async () => {
    if (!hasOpenssl()) throw new Error('CI=true: the NATS TLS tests must run, but no openssl binary was found')
    dir = mkdtempSync(join(tmpdir(), 'kaizen-nats-tls-'))
    tls = makeTlsMaterial(dir)
    const block = (cert: string, key: string, extra = '') =>
      `tls { cert_file: ${JSON.stringify(cert)}, key_file: ${JSON.stringify(key)}${extra} }`
    ;[server, wrongHost, mutual] = await Promise.all([
      startServer({ config: block(tls.serverCert, tls.serverKey) }),
      startServer({ config: block(tls.wrongHostCert, tls.wrongHostKey) }),
      startServer({
        config: block(tls.serverCert, tls.serverKey, `, ca_file: ${JSON.stringify(tls.caCert)}, verify: true`),
      }),
    ])
  })
  afterAll(async () => {
    await Promise.all([server?.stop(), wrongHost?.stop(), mutual?.stop()])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const tlsUrl = (s: RunningNats) => `tls://127.0.0.1:${s.port}`

  it('a tls:// URL with the CA from NATS_CA', async () => {
    const nc = await connect({ servers: `127.0.0.1:${server.port}`, tls: { caFile: tls.caCert } })
    try {
      const next = await subscribeNext(nc)
      const run = await prepare(tlsUrl(server), { NATS_CA: tls.caCert })
      expect(run.stderr).not.toMatch(/error/)
      expect(run.code).toBe(0)
      const msg = await next()
      expectBinaryEvent(headersOf(msg), msg.string())
    } finally {
      await nc.close()
    }
  })

  it('mutual TLS with the client certificate from --nats-cert/--nats-key, and its key never shown', async () => {
    const nc = await connect({
      servers: `127.0.0.1:${mutual.port}`,
      tls: { caFile: tls.caCert, certFile: tls.clientCert, keyFile: tls.clientKey },
    })
    try {
      const next = await subscribeNext(nc)
      const run = await prepare(tlsUrl(mutual), { NATS_CA: tls.caCert }, [
        '--nats-cert',
        tls.clientCert,
        '--nats-key',
        tls.clientKey,
      ])
      expect(run.stderr).not.toMatch(/error/)
      expect(run.code).toBe(0)
      const msg = await next()
      expectBinaryEvent(headersOf(msg), msg.string())
    } finally {
      await nc.close()
    }
  })

  it.each([
    [
      'an unknown CA',
      () => tlsUrl(server),
      () => ({ NATS_CA: tls.otherCaCert }),
      /^TLS: the server's certificate is not signed by a trusted CA \([A-Z_]+\); give its CA with NATS_CA or --nats-ca$/,
    ],
    [
      'no CA at all',
      () => tlsUrl(server),
      () => ({}),
      /^TLS: the server's certificate is not signed by a trusted CA \([A-Z_]+\); give its CA with NATS_CA or --nats-ca$/,
    ],
    [
      'a certificate for another host name',
      () => tlsUrl(wrongHost),
      () => ({ NATS_CA: tls.caCert }),
      /^TLS: the server's certificate does not name the host connected to \(.*nats\.example\.invalid\)$/,
    ],
    [
      'no client certificate where one is required',
      () => tlsUrl(mutual),
      () => ({ NATS_CA: tls.caCert }),
      /^(TLS: the server refused the handshake|the server (closed|reset) the connection during the handshake) .*does it require a client certificate.*$/,
    ],
  ])('%s: one line naming the cause and the server, exit 1', async (_name, url, env, cause) => {
    const run = await prepare(url(), env())
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    const prefix = `error: --emit: cannot connect to NATS at ${url()}: `
    const stderr = errorsOf(run.stderr)
    expect(stderr.startsWith(prefix), stderr).toBe(true)
    expect(stderr.split('\n')).toHaveLength(2)
    expect(stderr.slice(prefix.length).trimEnd()).toMatch(cause)
    expect(run.stderr).not.toMatch(/undefined error|\n\s+at /)
  })

  it('a missing CA file is exit 1 naming the variable; a certificate without its key is a usage error', async () => {
    const missing = await prepare(tlsUrl(server), { NATS_CA: join(dir, 'absent.crt') })
    expect(missing.code).toBe(1)
    expect(errorsOf(missing.stderr)).toBe(
      `error: --emit: NATS_CA ${join(dir, 'absent.crt')}: the CA certificate file does not exist\n`,
    )
    const halfPair = await prepare(tlsUrl(mutual), { NATS_CERT: tls.clientCert })
    expect(halfPair.code).toBe(2)
    expect(halfPair.stderr).toContain(
      'a client certificate needs both a certificate and its key: give --nats-key (or NATS_KEY) too',
    )
  })
})

describe.skipIf(!runNats)('a JetStream stream on kaizen.>', () => {
  let server: RunningNats
  let nc: NatsConnection
  let jsm: JetStreamManager

  beforeAll(async () => {
    server = await startServer({ jetstream: true, config: 'max_payload: 4096' })
    nc = await connect({ servers: `127.0.0.1:${server.port}` })
    jsm = await jetstreamManager(nc)
    await jsm.streams.add({ name: 'KAIZEN', subjects: ['kaizen.>'], duplicate_window: 60_000_000_000 })
  })
  afterAll(async () => {
    await nc?.close()
    await server?.stop()
  })

  it('`prepare --emit` succeeds on the acknowledgement; the stored message carries Nats-Msg-Id = ce-id', async () => {
    await jsm.streams.purge('KAIZEN')
    const run = await prepare(server.url, {}, ['--require-ack'])
    expect(run.stderr).not.toMatch(/error|warning: no JetStream/)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('coach')
    const info = await jsm.streams.info('KAIZEN')
    expect(info.state.messages).toBe(1)
    const stored = await jsm.streams.getMessage('KAIZEN', { seq: info.state.last_seq })
    if (!stored) throw new Error('no stored message')
    const headers = headersOf({ headers: stored.header })
    expectBinaryEvent(headers, stored.string())
    expect(headers['Nats-Msg-Id']).toBe(headers['ce-id'])
  })

  it('publishing the same event twice stores it once (the second is a duplicate)', async () => {
    await jsm.streams.purge('KAIZEN')
    const { message } = await builtMessage('3f0c0d5e-1d0b-4d8e-9a57-4f6a9b1c2d3e')
    const first = await publishEvent(plain(server), message, { requireAck: true })
    const second = await publishEvent(plain(server), message, { requireAck: true })
    expect(first).toMatchObject({ ok: true, ack: { stream: 'KAIZEN', duplicate: false } })
    expect(second).toMatchObject({ ok: true, ack: { stream: 'KAIZEN', duplicate: true } })
    expect((await jsm.streams.info('KAIZEN')).state.messages).toBe(1)
  })

  it('a stream that never acknowledges: retried until the deadline, then one clear line', async () => {
    await jsm.streams.add({ name: 'SILENT', subjects: ['silent.>'], no_ack: true })
    const { message } = await builtMessage()
    const started = Date.now()
    const result = await publishEvent(plain(server), message, { subject: 'silent.prepared', timeoutMs: 1500 })
    expect(result).toEqual({
      ok: false,
      message: `cannot publish to stream SILENT at ${server.url}: no acknowledgement within 1500 ms`,
    })
    // Bounded: the deadline holds (generous margin for a loaded machine).
    expect(Date.now() - started).toBeLessThan(1500 + 3000)
    // Retried with the same Nats-Msg-Id: stored once however many attempts there were.
    expect((await jsm.streams.info('SILENT')).state.messages).toBe(1)
  })

  it('an event larger than the server max_payload: one line naming both sizes', async () => {
    const { event } = await builtMessage()
    const big = {
      ...event,
      session_close: Array.from({ length: 200 }, (_, i) => `kaizen-agentic metrics record coach --n ${i}`),
    }
    const message = natsEventMessage(big, 'binary')
    if (!message.ok) throw new Error(message.errors.join('; '))
    const result = await publishEvent(plain(server), message.message)
    const bytes = Buffer.byteLength(message.message.body)
    expect(bytes).toBeGreaterThan(4096)
    expect(result).toEqual({
      ok: false,
      message: `cannot publish to ${server.url}: the event (${bytes} bytes) is larger than the server's max_payload (4096 bytes)`,
    })
  })
})

describe.skipIf(!runGo)('a consumer nobody here wrote: Go, nats.go', () => {
  let server: RunningNats
  let dir: string
  let consumer: string

  beforeAll(async () => {
    if (!go) throw new Error('CI=true: the Go consumer test must run, but go or the nats.go sources are missing')
    dir = mkdtempSync(join(tmpdir(), 'kaizen-go-'))
    ;[server, consumer] = await Promise.all([
      startServer(),
      buildGoProgram(go, join(PROJECT_ROOT, 'test/event/go-consumer'), dir),
    ])
  }, 180_000)
  afterAll(async () => {
    await server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reads the binary-mode headers and the payload', async () => {
    const child: ChildProcess = spawn(consumer, [server.url, SCHEDULE_PREPARED_SUBJECT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('ready\n')) resolve()
      })
      child.once('exit', () => reject(new Error(`go consumer exited before it was ready: ${err}`)))
    })
    const run = await prepare(server.url)
    expect(run.code).toBe(0)
    expect(await exited, err).toBe(0)
    const line = out.split('\n').find((l) => l.startsWith('{'))
    const received = JSON.parse(line ?? '{}') as { subject: string; headers: Record<string, string[]>; body: string }
    expect(received.subject).toBe(SCHEDULE_PREPARED_SUBJECT)
    const headers = Object.fromEntries(
      Object.entries(received.headers).map(([name, values]) => [name, values[0] ?? '']),
    )
    expectBinaryEvent(headers, received.body)
  })
})

describe('publishing when no server answers properly', () => {
  const at = (port: number): Connection => ({
    servers: [`127.0.0.1:${port}`],
    url: `nats://127.0.0.1:${port}`,
    auth: { kind: 'none' },
    secrets: [],
  })

  it('fails at once with a clear message when nothing listens on the port', async () => {
    const port = await freeLoopbackPort()
    const { message } = await builtMessage()
    expect(await publishEvent(at(port), message, { timeoutMs: 2000 })).toEqual({
      ok: false,
      message: `cannot connect to NATS at nats://127.0.0.1:${port}: connection refused; is nats-server running there?`,
    })
  })

  /** A TCP server that behaves badly; returns its port and how to close it. */
  async function badServer(onSocket: (socket: Socket) => void) {
    const sockets: Socket[] = []
    const server = createServer((socket) => {
      sockets.push(socket)
      onSocket(socket)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const close = async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
    return { port, close }
  }

  it('gives up after the timeout when the server accepts but never speaks NATS', async () => {
    const silent = await badServer(() => undefined)
    try {
      const { message } = await builtMessage()
      expect(await publishEvent(at(silent.port), message, { timeoutMs: 300 })).toEqual({
        ok: false,
        message: `cannot connect to NATS at nats://127.0.0.1:${silent.port}: no answer within 300 ms`,
      })
    } finally {
      await silent.close()
    }
  })

  it('a connection dropped during the handshake names the cause, never "undefined error"', async () => {
    const dropping = await badServer((socket) => {
      socket.write('INFO {"server_id":"x","version":"2.10.0","proto":1,"headers":true,"max_payload":1048576}\r\n')
      socket.once('data', () => socket.destroy())
    })
    try {
      const { message } = await builtMessage()
      const result = await publishEvent(at(dropping.port), message, { timeoutMs: 2000 })
      expect(result.ok).toBe(false)
      expect(!result.ok && result.message).toMatch(
        new RegExp(
          `^cannot connect to NATS at nats://127\\.0\\.0\\.1:${dropping.port}: the server (closed|reset) the connection during the handshake$`,
        ),
      )
    } finally {
      await dropping.close()
    }
  })

  it('a connection dropped after the handshake, before the server has the event: one line, never "undefined error"', async () => {
    const dropping = await badServer((socket) => {
      socket.write('INFO {"server_id":"x","version":"2.10.0","proto":1,"headers":true,"max_payload":1048576}\r\n')
      let handshaken = false
      socket.on('data', (chunk: Buffer) => {
        if (!handshaken && chunk.toString().includes('CONNECT')) {
          handshaken = true
          socket.write('PONG\r\n')
        } else if (handshaken) {
          socket.destroy()
        }
      })
    })
    try {
      const { message } = await builtMessage()
      const result = await publishEvent(at(dropping.port), message, { timeoutMs: 2000 })
      expect(result).toEqual({
        ok: false,
        message: `cannot publish to nats://127.0.0.1:${dropping.port}: the connection to the server was lost before it confirmed the event`,
      })
    } finally {
      await dropping.close()
    }
  })

  it('`prepare --emit nats://…` exits 1 with the message, and prints no bundle', async () => {
    const port = await freeLoopbackPort()
    const run = await prepare(`nats://127.0.0.1:${port}`)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(errorsOf(run.stderr)).toBe(
      `error: --emit: cannot connect to NATS at nats://127.0.0.1:${port}: connection refused; is nats-server running there?\n`,
    )
  })

  it('NATS flags without a NATS target are a usage error', async () => {
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', EXAMPLE, '--require-ack'], {
      env: { KAIZEN_NOW: NOW },
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('--require-ack applies only with --emit nats, nats://… or tls://…')
  })
})
