/** Resolving NATS credentials and TLS files from flags and the `nats` CLI's variables: a flag beats its variable, one method only, no secret in any message. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { EmitTarget } from '../../src/event/emit-target.ts'
import {
  loadNatsConnection,
  type NatsConnectionPlan,
  redactSecrets,
  resolveNatsConnection,
} from '../../src/event/nats-options.ts'

type NatsTarget = Extract<EmitTarget, { kind: 'nats' }>
const target: NatsTarget = { kind: 'nats', servers: ['bus:4222'], url: 'nats://bus:4222', tls: false }
const dir = mkdtempSync(join(tmpdir(), 'kaizen-nats-options-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('resolveNatsConnection', () => {
  it('no credentials, no TLS: plaintext, anonymous', () => {
    expect(resolveNatsConnection(target, {}, {})).toEqual({
      ok: true,
      value: { servers: ['bus:4222'], url: 'nats://bus:4222', auth: { kind: 'none' } },
    })
  })

  it.each([
    [
      {},
      { NATS_USER: 'a', NATS_PASSWORD: 'p' },
      { kind: 'user', user: 'a', password: 'p', source: 'NATS_USER/NATS_PASSWORD' },
    ],
    [{}, { NATS_TOKEN: 't' }, { kind: 'token', token: 't', source: 'NATS_TOKEN' }],
    [{}, { NATS_NKEY: '/k.nk' }, { kind: 'nkey', file: '/k.nk', source: 'NATS_NKEY' }],
    [{}, { NATS_CREDS: '/c.creds' }, { kind: 'creds', file: '/c.creds', source: 'NATS_CREDS' }],
    // A flag of any method beats every variable.
    [
      { natsCreds: '/f.creds' },
      { NATS_USER: 'a', NATS_PASSWORD: 'p' },
      { kind: 'creds', file: '/f.creds', source: '--nats-creds' },
    ],
    [
      { natsUser: 'b', natsPassword: 'q' },
      { NATS_USER: 'a', NATS_PASSWORD: 'p' },
      { kind: 'user', user: 'b', password: 'q', source: '--nats-user/--nats-password' },
    ],
    // Empty variables count as unset.
    [
      {},
      { NATS_TOKEN: '', NATS_USER: 'a' },
      { kind: 'user', user: 'a', password: '', source: 'NATS_USER/NATS_PASSWORD' },
    ],
  ])('flags %j, env %j', (flags, env, auth) => {
    const resolved = resolveNatsConnection(target, flags, env)
    expect(resolved.ok && resolved.value.auth).toEqual(auth)
  })

  it('NATS_URL credentials apply only when neither flags nor variables name any', () => {
    const withUrl: NatsTarget = { ...target, credentials: { kind: 'token', token: 'url-token' } }
    const fromUrl = resolveNatsConnection(withUrl, {}, {})
    expect(fromUrl.ok && fromUrl.value.auth).toEqual({ kind: 'token', token: 'url-token', source: 'NATS_URL' })
    const fromEnv = resolveNatsConnection(withUrl, {}, { NATS_CREDS: '/c' })
    expect(fromEnv.ok && fromEnv.value.auth).toMatchObject({ kind: 'creds' })
  })

  it.each([
    [
      {},
      { NATS_TOKEN: 'secret-t', NATS_CREDS: '/c' },
      'NATS_TOKEN, NATS_CREDS name more than one way to authenticate to NATS; give one',
    ],
    [
      { natsToken: 'secret-t', natsNkey: '/k' },
      {},
      '--nats-token, --nats-nkey name more than one way to authenticate to NATS; give one',
    ],
    [{}, { NATS_PASSWORD: 'secret-p' }, 'NATS_PASSWORD is set but NATS_USER is not; give both'],
    [
      { natsCert: '/c.pem' },
      {},
      'a client certificate needs both a certificate and its key: give --nats-key (or NATS_KEY) too',
    ],
    [
      {},
      { NATS_KEY: '/k.pem' },
      'a client certificate needs both a certificate and its key: give --nats-cert (or NATS_CERT) too',
    ],
  ])('refuses flags %j, env %j without showing a secret', (flags, env, message) => {
    expect(resolveNatsConnection(target, flags, env)).toEqual({ ok: false, message })
  })

  it('asks for TLS with a tls:// URL or any TLS file, flag by flag over the variables', () => {
    const viaUrl = resolveNatsConnection({ ...target, tls: true }, {}, {})
    expect(viaUrl.ok && viaUrl.value.tls).toEqual({})
    const viaFiles = resolveNatsConnection(
      target,
      { natsCa: '/flag-ca.pem' },
      {
        NATS_CA: '/env-ca.pem',
        NATS_CERT: '/c.pem',
        NATS_KEY: '/k.pem',
      },
    )
    expect(viaFiles.ok && viaFiles.value.tls).toEqual({
      ca: { path: '/flag-ca.pem', source: '--nats-ca' },
      cert: { path: '/c.pem', source: 'NATS_CERT' },
      key: { path: '/k.pem', source: 'NATS_KEY' },
    })
  })
})

describe('loadNatsConnection', () => {
  const plan = (auth: NatsConnectionPlan['auth'], tls?: NatsConnectionPlan['tls']): NatsConnectionPlan => ({
    servers: ['bus:4222'],
    url: 'nats://bus:4222',
    auth,
    ...(tls ? { tls } : {}),
  })

  it('reads an NKey seed and lists it as a secret', async () => {
    const seed = `SUA${'A'.repeat(55)}`
    writeFileSync(join(dir, 'user.nk'), `${seed}\n`)
    const loaded = await loadNatsConnection(plan({ kind: 'nkey', file: join(dir, 'user.nk'), source: 'NATS_NKEY' }))
    expect(loaded.ok && loaded.value.secrets).toEqual([seed])
    expect(
      loaded.ok && new TextDecoder().decode(loaded.value.auth.kind === 'nkey' ? loaded.value.auth.seed : undefined),
    ).toBe(seed)
  })

  it('reads a creds file and lists its JWT and seed as secrets, not its banners', async () => {
    const jwt = `eyJ${'x'.repeat(60)}`
    const seed = `SUA${'B'.repeat(55)}`
    const creds = `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n************************* IMPORTANT *************************\n-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`
    writeFileSync(join(dir, 'user.creds'), creds)
    const loaded = await loadNatsConnection(
      plan({ kind: 'creds', file: join(dir, 'user.creds'), source: '--nats-creds' }),
    )
    expect(loaded.ok && loaded.value.secrets).toEqual([jwt, seed])
  })

  it.each([
    ['absent.nk', 'does not exist'],
    ['.', 'is not a regular file'],
  ])('names the variable and the path of a bad seed file (%s)', async (name, why) => {
    const file = join(dir, name)
    expect(await loadNatsConnection(plan({ kind: 'nkey', file, source: 'NATS_NKEY' }))).toEqual({
      ok: false,
      message: `NATS_NKEY ${file}: the NKey seed file ${why}`,
    })
  })

  it('refuses a file that is not a seed or not a creds file, without quoting it', async () => {
    writeFileSync(join(dir, 'not-a-seed'), 'hunter2-secret\n')
    const nkey = await loadNatsConnection(plan({ kind: 'nkey', file: join(dir, 'not-a-seed'), source: 'NATS_NKEY' }))
    expect(nkey).toEqual({
      ok: false,
      message: `NATS_NKEY ${join(dir, 'not-a-seed')}: not an NKey seed file (one line starting with S, such as SUA…)`,
    })
    const creds = await loadNatsConnection(plan({ kind: 'creds', file: join(dir, 'not-a-seed'), source: 'NATS_CREDS' }))
    expect(!creds.ok && creds.message).toBe(
      `NATS_CREDS ${join(dir, 'not-a-seed')}: not a NATS credentials file (a user JWT and its NKey seed)`,
    )
  })

  it('reads the TLS files, naming the one that is missing', async () => {
    writeFileSync(join(dir, 'ca.pem'), 'CA PEM')
    const ok = await loadNatsConnection(
      plan({ kind: 'none' }, { ca: { path: join(dir, 'ca.pem'), source: 'NATS_CA' } }),
    )
    expect(ok.ok && ok.value.tls).toEqual({ ca: 'CA PEM' })
    const missing = await loadNatsConnection(
      plan({ kind: 'none' }, { cert: { path: join(dir, 'c.pem'), source: '--nats-cert' } }),
    )
    expect(missing).toEqual({
      ok: false,
      message: `--nats-cert ${join(dir, 'c.pem')}: the client certificate file does not exist`,
    })
  })
})

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redactSecrets('a pw1 b pw1 c tok', ['pw1', 'tok', ''])).toBe('a [redacted] b [redacted] c [redacted]')
  })
})
