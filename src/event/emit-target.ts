/**
 * Where `--emit` sends the event: a file, stdout (`-`), or NATS servers (`nats://HOST:PORT`,
 * `tls://HOST:PORT`, a comma-separated list of them, or `nats` for `$NATS_URL`).
 */
import { resolve } from 'node:path'
import { safeEcho } from '../diagnostics/safe-text.ts'

/** The NATS port when the URL names none. */
export const DEFAULT_NATS_PORT = 4222

/** The servers `--emit nats` means when `NATS_URL` is unset (the `nats` CLI's default). */
export const DEFAULT_NATS_URL = `nats://127.0.0.1:${DEFAULT_NATS_PORT}`

/** The environment variable naming the NATS servers, as for the `nats` CLI. */
export const NATS_URL_ENV = 'NATS_URL'

/** Credentials written into a `NATS_URL` (`user:password@` or `token@`); never into `--emit`. */
export type UrlCredentials =
  | { readonly kind: 'user'; readonly user: string; readonly password: string }
  | { readonly kind: 'token'; readonly token: string }

/** A parsed `--emit` value. */
export type EmitTarget =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string }
  | {
      readonly kind: 'nats'
      /** `host:port` of each server, as the NATS client takes them. */
      readonly servers: readonly string[]
      /** The servers as URLs without credentials, for messages (`nats://a:4222,tls://b:4222`). */
      readonly url: string
      /** A `tls://` URL asks for TLS (as do the CA and client-certificate options). */
      readonly tls: boolean
      /** Credentials from the `NATS_URL` userinfo, if any. */
      readonly credentials?: UrlCredentials
    }

/** A target, or why the value is not one. */
export type EmitTargetResult =
  | { readonly ok: true; readonly target: EmitTarget }
  | { readonly ok: false; readonly message: string }

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//
const NATS_SCHEMES = ['nats', 'tls']
const EXPECTED = 'expected nats://HOST:PORT or tls://HOST:PORT (a comma-separated list for several servers)'

type ServerResult =
  | {
      readonly ok: true
      readonly server: string
      readonly url: string
      readonly tls: boolean
      readonly credentials?: UrlCredentials
    }
  | { readonly ok: false; readonly message: string }

/** One server URL of the list; `what` names where it came from, for messages. */
function parseServer(value: string, what: string, allowCredentials: boolean): ServerResult {
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase()
  if (scheme === undefined || !NATS_SCHEMES.includes(scheme)) {
    const shown = scheme === undefined ? 'a server without nats:// or tls://' : `${scheme}:// URLs`
    return { ok: false, message: `${what} does not support ${shown}; ${EXPECTED}` }
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    // Never echo the value: it may carry a password.
    return { ok: false, message: `${what} holds a server that is not a valid URL; ${EXPECTED}` }
  }
  let credentials: UrlCredentials | undefined
  if (url.username !== '' || url.password !== '') {
    if (!allowCredentials) {
      // Credentials on the command line end up in shell history and process lists.
      return {
        ok: false,
        message: `${what}: credentials in the URL are not supported on the command line; use NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS or NATS_NKEY (or put them in NATS_URL)`,
      }
    }
    const user = decodeURIComponent(url.username)
    const password = decodeURIComponent(url.password)
    // `nats://TOKEN@host` is the NATS convention for a token; `user:password@` for a user.
    credentials = password === '' ? { kind: 'token', token: user } : { kind: 'user', user, password }
  }
  if (url.hostname === '' || (url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    return {
      ok: false,
      message: `${what} holds ${safeEcho(url.host) || 'a URL'} which is not a NATS server address; ${EXPECTED}`,
    }
  }
  const port = url.port === '' ? DEFAULT_NATS_PORT : Number(url.port)
  const server = `${url.hostname}:${port}`
  return {
    ok: true,
    server,
    url: `${scheme}://${server}`,
    tls: scheme === 'tls',
    ...(credentials ? { credentials } : {}),
  }
}

/** Parses a comma-separated server list (`--emit` or `NATS_URL`). */
function parseServers(value: string, what: string, allowCredentials: boolean): EmitTargetResult {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
  if (parts.length === 0) return { ok: false, message: `${what} names no server; ${EXPECTED}` }
  const servers: string[] = []
  const urls: string[] = []
  let tls = false
  let credentials: UrlCredentials | undefined
  for (const part of parts) {
    const parsed = parseServer(part, what, allowCredentials)
    if (!parsed.ok) return parsed
    servers.push(parsed.server)
    urls.push(parsed.url)
    tls ||= parsed.tls
    credentials ??= parsed.credentials
  }
  return {
    ok: true,
    target: { kind: 'nats', servers, url: urls.join(','), tls, ...(credentials ? { credentials } : {}) },
  }
}

/**
 * Parses an `--emit` value; a relative file path is resolved against `cwd`. `nats`
 * alone means the servers of `NATS_URL` in `env` (default nats://127.0.0.1:4222).
 */
export function parseEmitTarget(
  value: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): EmitTargetResult {
  if (value === '-') return { ok: true, target: { kind: 'stdout' } }
  if (value === 'nats') {
    const fromEnv = env[NATS_URL_ENV]
    if (fromEnv === undefined || fromEnv.trim() === '') return parseServers(DEFAULT_NATS_URL, '--emit nats', false)
    return parseServers(fromEnv, NATS_URL_ENV, true)
  }
  const scheme = SCHEME.exec(value)?.[1]
  if (scheme === undefined) {
    if (value.trim() === '') return { ok: false, message: '--emit needs a FILE, -, nats or nats://HOST:PORT' }
    return { ok: true, target: { kind: 'file', path: resolve(cwd, value) } }
  }
  if (!NATS_SCHEMES.includes(scheme.toLowerCase())) {
    return {
      ok: false,
      message: `--emit does not support ${scheme}:// URLs; use FILE, -, nats, nats://HOST:PORT or tls://HOST:PORT`,
    }
  }
  return parseServers(value, '--emit', false)
}
