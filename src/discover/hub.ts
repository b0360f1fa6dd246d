/**
 * The state-hub client: `GET <hub>/repos/` with a per-attempt timeout, a bounded
 * retry with backoff on connection failures, timeouts, 429 and 5xx, and an optional
 * bearer token. The token is sent and never appears in any message: every text this
 * module returns passes through `redact`, and a token that cannot be a header value
 * is refused before the HTTP layer could echo it in its own error.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { redactSecrets, safeEcho } from '../diagnostics/safe-text.ts'
import { type RosterLoad, rosterFromText } from './roster.ts'
import { MAX_ROSTER_BYTES } from './roster-file.ts'

/** The environment variable the CLI reads the bearer token from. */
export const HUB_TOKEN_ENV = 'STATE_HUB_TOKEN'

/** Timeouts and retries of the hub client. */
export interface FetchRosterOptions {
  /** Time allowed for one attempt, from connecting to the last body byte. */
  readonly timeoutMs?: number
  /** Attempts after the first one, for failures worth retrying. */
  readonly retries?: number
  /** Base delay before the first retry; it doubles per retry (with jitter), capped at `MAX_BACKOFF_MS`. */
  readonly backoffMs?: number
  /** Bearer token for state-hub, if it needs one. */
  readonly token?: string | undefined
}

/** The defaults the CLI uses. */
export const HUB_DEFAULTS = { timeoutMs: 10_000, retries: 2, backoffMs: 500 } as const

/** Longest wait between two attempts. */
export const MAX_BACKOFF_MS = 5_000

/** A hub base URL turned into the roster URL, or why it cannot be used. */
export type RosterUrl = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly message: string }

/**
 * `URL/repos/` for a hub base URL (`http://hub:8000` or `http://hub/api/`). Only
 * http(s); credentials in the URL are refused so they cannot leak into messages.
 */
export function rosterUrlOf(hubUrl: string): RosterUrl {
  let base: URL
  try {
    base = new URL(hubUrl)
  } catch {
    return {
      ok: false,
      message: `not a URL: ${JSON.stringify(safeEcho(hubUrl))} (expected e.g. http://state-hub:8000)`,
    }
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    return { ok: false, message: `unsupported protocol ${base.protocol} (expected http: or https:)` }
  }
  if (base.username !== '' || base.password !== '') {
    return { ok: false, message: `put credentials in ${HUB_TOKEN_ENV}, not in the URL` }
  }
  base.search = ''
  base.hash = ''
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`
  return { ok: true, url: new URL('repos/', base) }
}

/** Replaces every occurrence of the token (and URL credentials); applied to all text leaving this module. */
export function redact(text: string, token: string | undefined): string {
  return redactSecrets(text, token)
}

/** JSON text with every string's escapes decoded (parsed and written again), or the text as is if it is not JSON. */
function decodedJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text))
  } catch {
    return text
  }
}

/** Characters a token may have to travel in an HTTP header value (visible ASCII). */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/

type Attempt =
  | { readonly kind: 'body'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'retry'; readonly reason: string }
  | { readonly kind: 'fail'; readonly message: string }

/** Why a fetch threw: a timeout (the AbortSignal), or the connection's error code. */
function failureOf(error: unknown, timeoutMs: number): string {
  const name = (error as Error | undefined)?.name
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
  if (cause?.code) return `connection failed (${cause.code})`
  return `connection failed (${cause?.message ?? (error as Error | undefined)?.message ?? String(error)})`
}

/** Reads a body up to the size cap; undefined when it is larger. */
async function readCapped(response: Response): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > MAX_ROSTER_BYTES) {
    await response.body?.cancel()
    return undefined
  }
  const chunks: Uint8Array[] = []
  let total = 0
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength
      if (total > MAX_ROSTER_BYTES) return undefined
      chunks.push(chunk)
    }
  }
  return Buffer.concat(chunks, total)
}

function refusal(response: Response, url: URL, token: string | undefined): string {
  const base = `state-hub answered ${response.status} ${response.statusText} for GET ${url.href}`
  if (response.status === 401 || response.status === 403) {
    return `${base}; ${token ? `it refused the token in ${HUB_TOKEN_ENV}` : `no token was sent: set ${HUB_TOKEN_ENV}`}`
  }
  return base
}

async function attemptOnce(url: URL, headers: Headers, timeoutMs: number, token: string | undefined): Promise<Attempt> {
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const response = await fetch(url, { headers, signal })
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel()
      return { kind: 'retry', reason: `answered ${response.status} ${response.statusText}` }
    }
    if (!response.ok) {
      await response.body?.cancel()
      return { kind: 'fail', message: refusal(response, url, token) }
    }
    const bytes = await readCapped(response)
    if (bytes === undefined) {
      return { kind: 'fail', message: `state-hub's answer at ${url.href} is larger than ${MAX_ROSTER_BYTES} bytes` }
    }
    const text = new TextDecoder('utf-8').decode(bytes)
    return { kind: 'body', text, contentType: response.headers.get('content-type') ?? 'none' }
  } catch (error) {
    return { kind: 'retry', reason: failureOf(error, timeoutMs) }
  }
}

const backoffOf = (base: number, retry: number): number => {
  const ceiling = Math.min(MAX_BACKOFF_MS, base * 2 ** retry)
  // Equal jitter: many hosts fire discover at the same cron minute; spread their retries.
  return ceiling / 2 + Math.random() * (ceiling / 2)
}

/** Fetches and checks the roster from state-hub; every failure is a value with a message for the operator. */
export async function fetchRoster(hubUrl: string, options: FetchRosterOptions = {}): Promise<RosterLoad> {
  const {
    timeoutMs = HUB_DEFAULTS.timeoutMs,
    retries = HUB_DEFAULTS.retries,
    backoffMs = HUB_DEFAULTS.backoffMs,
  } = options
  const token = options.token === '' ? undefined : options.token
  const target = rosterUrlOf(hubUrl)
  if (!target.ok) return { ok: false, message: `--hub-url: ${target.message}`, problems: [] }
  if (token !== undefined && !TOKEN_PATTERN.test(token)) {
    return {
      ok: false,
      message: `${HUB_TOKEN_ENV} holds characters that cannot go in an HTTP header (only visible ASCII is allowed)`,
      problems: [],
    }
  }
  const headers = new Headers({ accept: 'application/json' })
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`)
  const { url } = target
  const attempts = retries + 1
  let reason = ''
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = await attemptOnce(url, headers, timeoutMs, token)
    if (outcome.kind === 'fail') return { ok: false, message: redact(outcome.message, token), problems: [] }
    if (outcome.kind === 'body') {
      // Redacted before checking: every later cut ("it starts with …", a 60-character value) sees no token,
      // and a token the hub put into a slug never reaches the scheduled runs — escaped as `\u0073…`
      // too, so JSON is redacted as decoded (re-encoded, it shows the token as is).
      const loaded = rosterFromText(
        redact(token === undefined ? outcome.text : decodedJson(outcome.text), token),
        `state-hub's answer at ${url.href} (content-type ${outcome.contentType})`,
      )
      return loaded.ok
        ? loaded
        : { ok: false, message: redact(loaded.message, token), problems: loaded.problems.map((p) => redact(p, token)) }
    }
    reason = outcome.reason
    if (attempt < attempts) await sleep(backoffOf(backoffMs, attempt - 1))
  }
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`
  return {
    ok: false,
    message: redact(`cannot get the roster from ${url.href}: ${reason} (${tries})`, token),
    problems: [],
  }
}
