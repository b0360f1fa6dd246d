/** Where `--emit` sends the event: a file, stdout (`-`), or a NATS server (`nats://HOST:PORT`). */
import { resolve } from 'node:path'
import { safeEcho } from '../diagnostics/safe-text.ts'

/** The NATS port when the URL names none. */
export const DEFAULT_NATS_PORT = 4222

/** A parsed `--emit` value. */
export type EmitTarget =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string }
  | {
      readonly kind: 'nats'
      /** `host:port`, as the NATS client takes it. */
      readonly server: string
      /** `nats://host:port`, for messages. */
      readonly url: string
    }

/** A target, or why the value is not one. */
export type EmitTargetResult =
  | { readonly ok: true; readonly target: EmitTarget }
  | { readonly ok: false; readonly message: string }

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//

/** Parses an `--emit` value; a relative file path is resolved against `cwd`. */
export function parseEmitTarget(value: string, cwd: string): EmitTargetResult {
  if (value === '-') return { ok: true, target: { kind: 'stdout' } }
  const scheme = SCHEME.exec(value)?.[1]
  if (scheme === undefined) {
    if (value.trim() === '') return { ok: false, message: '--emit needs a FILE, - or nats://HOST:PORT' }
    return { ok: true, target: { kind: 'file', path: resolve(cwd, value) } }
  }
  if (scheme.toLowerCase() !== 'nats') {
    return { ok: false, message: `--emit does not support ${scheme}:// URLs; use FILE, - or nats://HOST:PORT` }
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, message: `--emit ${safeEcho(value)} is not a valid URL; expected nats://HOST:PORT` }
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials on the command line end up in shell history and process lists.
    return { ok: false, message: '--emit nats:// URLs with credentials are not supported; expected nats://HOST:PORT' }
  }
  if (url.hostname === '' || (url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    return { ok: false, message: `--emit ${safeEcho(value)} is not a NATS server address; expected nats://HOST:PORT` }
  }
  const port = url.port === '' ? DEFAULT_NATS_PORT : Number(url.port)
  const server = `${url.hostname}:${port}`
  return { ok: true, target: { kind: 'nats', server, url: `nats://${server}` } }
}
