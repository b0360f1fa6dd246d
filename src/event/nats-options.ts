/**
 * How to reach and authenticate to the NATS servers of `--emit`: the `nats` CLI's
 * environment variables (`NATS_USER`, `NATS_PASSWORD`, `NATS_TOKEN`, `NATS_NKEY`,
 * `NATS_CREDS`, `NATS_CA`, `NATS_CERT`, `NATS_KEY`) and the matching `prepare --nats-*`
 * flags, which beat them. Resolving is pure (usage errors); loading reads the named
 * files (not found / unreadable: exit 1). No value read here ever reaches a message:
 * messages name the flag or variable, and `secrets` lists what to redact anywhere else.
 */
import { readFile, stat } from 'node:fs/promises'
import type { EmitTarget } from './emit-target.ts'

/** The `prepare --nats-*` flags (commander camel-cases them). */
export interface NatsFlags {
  readonly natsUser?: string
  readonly natsPassword?: string
  readonly natsToken?: string
  readonly natsNkey?: string
  readonly natsCreds?: string
  readonly natsCa?: string
  readonly natsCert?: string
  readonly natsKey?: string
}

/** How the client proves who it is; `source` names the flags or variables it came from. */
export type NatsAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'user'; readonly user: string; readonly password: string; readonly source: string }
  | { readonly kind: 'token'; readonly token: string; readonly source: string }
  | { readonly kind: 'nkey'; readonly file: string; readonly source: string }
  | { readonly kind: 'creds'; readonly file: string; readonly source: string }

/** TLS files, each with the flag or variable that named it. */
export interface NatsTlsFiles {
  readonly ca?: NamedFile
  readonly cert?: NamedFile
  readonly key?: NamedFile
}

/** A file path and where it was given (`--nats-ca`, `NATS_CA`, …). */
export interface NamedFile {
  readonly path: string
  readonly source: string
}

/** Everything needed to connect, before any file is read. */
export interface NatsConnectionPlan {
  readonly servers: readonly string[]
  /** The servers without credentials, for messages. */
  readonly url: string
  readonly auth: NatsAuth
  /** Undefined: plaintext unless the server requires TLS (then the client upgrades). */
  readonly tls?: NatsTlsFiles
}

/** The plan with its files read: what the NATS client takes. */
export interface NatsConnection {
  readonly servers: readonly string[]
  readonly url: string
  readonly auth:
    | { readonly kind: 'none' }
    | { readonly kind: 'user'; readonly user: string; readonly password: string; readonly source: string }
    | { readonly kind: 'token'; readonly token: string; readonly source: string }
    | { readonly kind: 'nkey'; readonly seed: Uint8Array; readonly source: string }
    | { readonly kind: 'creds'; readonly creds: Uint8Array; readonly source: string }
  readonly tls?: { readonly ca?: string; readonly cert?: string; readonly key?: string }
  /** Every secret value (passwords, tokens, seeds, JWTs, keys): never to appear in output. */
  readonly secrets: readonly string[]
}

/** A value, or why not (a one-line message that names no secret). */
export type NatsOptionResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string }

type Env = Readonly<Record<string, string | undefined>>

const set = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value)

interface AuthSource {
  readonly user: string | undefined
  readonly password: string | undefined
  readonly token: string | undefined
  readonly nkey: string | undefined
  readonly creds: string | undefined
  readonly names: { user: string; password: string; token: string; nkey: string; creds: string }
}

/** The one authentication method `source` names, or why it names several. */
function authOf(source: AuthSource): NatsOptionResult<NatsAuth> {
  const { names } = source
  const methods: string[] = []
  if (source.user !== undefined || source.password !== undefined) methods.push(`${names.user}/${names.password}`)
  if (source.token !== undefined) methods.push(names.token)
  if (source.nkey !== undefined) methods.push(names.nkey)
  if (source.creds !== undefined) methods.push(names.creds)
  if (methods.length > 1) {
    return { ok: false, message: `${methods.join(', ')} name more than one way to authenticate to NATS; give one` }
  }
  if (source.password !== undefined && source.user === undefined) {
    return { ok: false, message: `${names.password} is set but ${names.user} is not; give both` }
  }
  if (source.user !== undefined) {
    return {
      ok: true,
      value: {
        kind: 'user',
        user: source.user,
        password: source.password ?? '',
        source: `${names.user}/${names.password}`,
      },
    }
  }
  if (source.token !== undefined)
    return { ok: true, value: { kind: 'token', token: source.token, source: names.token } }
  if (source.nkey !== undefined) return { ok: true, value: { kind: 'nkey', file: source.nkey, source: names.nkey } }
  if (source.creds !== undefined) return { ok: true, value: { kind: 'creds', file: source.creds, source: names.creds } }
  return { ok: true, value: { kind: 'none' } }
}

const FLAG_NAMES = {
  user: '--nats-user',
  password: '--nats-password',
  token: '--nats-token',
  nkey: '--nats-nkey',
  creds: '--nats-creds',
}
const ENV_NAMES = {
  user: 'NATS_USER',
  password: 'NATS_PASSWORD',
  token: 'NATS_TOKEN',
  nkey: 'NATS_NKEY',
  creds: 'NATS_CREDS',
}

/** The first of flag and variable that is set, with its name. */
function fileOption(flag: string | undefined, flagName: string, env: Env, envName: string): NamedFile | undefined {
  const fromFlag = set(flag)
  if (fromFlag !== undefined) return { path: fromFlag, source: flagName }
  const fromEnv = set(env[envName])
  return fromEnv === undefined ? undefined : { path: fromEnv, source: envName }
}

/**
 * The connection plan for `target`: authentication from the flags if any is given,
 * else from the environment, else from `NATS_URL`'s userinfo; TLS files flag by flag.
 */
export function resolveNatsConnection(
  target: Extract<EmitTarget, { kind: 'nats' }>,
  flags: NatsFlags,
  env: Env,
): NatsOptionResult<NatsConnectionPlan> {
  const fromFlags: AuthSource = {
    user: set(flags.natsUser),
    password: set(flags.natsPassword),
    token: set(flags.natsToken),
    nkey: set(flags.natsNkey),
    creds: set(flags.natsCreds),
    names: FLAG_NAMES,
  }
  const fromEnv: AuthSource = {
    user: set(env.NATS_USER),
    password: set(env.NATS_PASSWORD),
    token: set(env.NATS_TOKEN),
    nkey: set(env.NATS_NKEY),
    creds: set(env.NATS_CREDS),
    names: ENV_NAMES,
  }
  const given = (s: AuthSource) => [s.user, s.password, s.token, s.nkey, s.creds].some((v) => v !== undefined)
  let auth: NatsAuth = { kind: 'none' }
  if (given(fromFlags) || given(fromEnv)) {
    const resolved = authOf(given(fromFlags) ? fromFlags : fromEnv)
    if (!resolved.ok) return resolved
    auth = resolved.value
  } else if (target.credentials?.kind === 'user') {
    auth = { ...target.credentials, source: 'NATS_URL' }
  } else if (target.credentials?.kind === 'token') {
    auth = { ...target.credentials, source: 'NATS_URL' }
  }

  const ca = fileOption(flags.natsCa, '--nats-ca', env, 'NATS_CA')
  const cert = fileOption(flags.natsCert, '--nats-cert', env, 'NATS_CERT')
  const key = fileOption(flags.natsKey, '--nats-key', env, 'NATS_KEY')
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? '--nats-cert (or NATS_CERT)' : '--nats-key (or NATS_KEY)'
    return { ok: false, message: `a client certificate needs both a certificate and its key: give ${missing} too` }
  }
  const wantsTls = target.tls || ca !== undefined || cert !== undefined
  const tls: NatsTlsFiles | undefined = wantsTls
    ? { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) }
    : undefined
  return { ok: true, value: { servers: target.servers, url: target.url, auth, ...(tls ? { tls } : {}) } }
}

/** Credential and certificate files are small; a larger one is a wrong path. */
const MAX_FILE_BYTES = 1024 * 1024

async function readNamed(file: NamedFile, what: string): Promise<NatsOptionResult<Buffer>> {
  const where = `${file.source} ${file.path}`
  try {
    const info = await stat(file.path)
    if (!info.isFile()) return { ok: false, message: `${where}: the ${what} is not a regular file` }
    if (info.size > MAX_FILE_BYTES) return { ok: false, message: `${where}: the ${what} is larger than 1 MiB` }
    return { ok: true, value: await readFile(file.path) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code})`
    return { ok: false, message: `${where}: the ${what} ${why}` }
  }
}

/** Lines of a credentials file worth redacting: the JWT and the seed, not the banners. */
const secretLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith('-') && !line.startsWith('*'))

/** Reads the files the plan names: the nkey seed, the creds file, the CA and the client certificate. */
export async function loadNatsConnection(plan: NatsConnectionPlan): Promise<NatsOptionResult<NatsConnection>> {
  const secrets: string[] = []
  let auth: NatsConnection['auth']
  switch (plan.auth.kind) {
    case 'none':
      auth = plan.auth
      break
    case 'user':
      if (plan.auth.password !== '') secrets.push(plan.auth.password)
      auth = plan.auth
      break
    case 'token':
      secrets.push(plan.auth.token)
      auth = plan.auth
      break
    case 'nkey': {
      const read = await readNamed({ path: plan.auth.file, source: plan.auth.source }, 'NKey seed file')
      if (!read.ok) return read
      const seed = read.value.toString('utf8').trim()
      if (!/^S[A-Z2-7]{50,}$/.test(seed)) {
        return {
          ok: false,
          message: `${plan.auth.source} ${plan.auth.file}: not an NKey seed file (one line starting with S, such as SUA…)`,
        }
      }
      secrets.push(seed)
      auth = { kind: 'nkey', seed: new TextEncoder().encode(seed), source: plan.auth.source }
      break
    }
    case 'creds': {
      const read = await readNamed({ path: plan.auth.file, source: plan.auth.source }, 'credentials file')
      if (!read.ok) return read
      const text = read.value.toString('utf8')
      if (!text.includes('BEGIN NATS USER JWT') || !text.includes('BEGIN USER NKEY SEED')) {
        return {
          ok: false,
          message: `${plan.auth.source} ${plan.auth.file}: not a NATS credentials file (a user JWT and its NKey seed)`,
        }
      }
      secrets.push(...secretLines(text))
      auth = { kind: 'creds', creds: new Uint8Array(read.value), source: plan.auth.source }
      break
    }
  }
  let tls: NatsConnection['tls']
  if (plan.tls) {
    const out: { ca?: string; cert?: string; key?: string } = {}
    for (const [name, what] of [
      ['ca', 'CA certificate file'],
      ['cert', 'client certificate file'],
      ['key', 'client key file'],
    ] as const) {
      const file = plan.tls[name]
      if (file === undefined) continue
      const read = await readNamed(file, what)
      if (!read.ok) return read
      out[name] = read.value.toString('utf8')
    }
    if (out.key !== undefined) secrets.push(...secretLines(out.key))
    tls = out
  }
  return { ok: true, value: { servers: plan.servers, url: plan.url, auth, ...(tls ? { tls } : {}), secrets } }
}

/** `text` with every secret replaced by `[redacted]`: the last line of defence for messages. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join('[redacted]')
  return out
}
