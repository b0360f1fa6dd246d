/**
 * The `prepare` flags that only mean something with `--emit nats…`, and the check that
 * none was given without it. Light on purpose: `prepare` checks them on every run, and
 * the NATS emit itself (emit-nats.ts, the CloudEvents validators) loads only for a NATS
 * target.
 */
import type { NatsFlags } from './nats-options.ts'

/** The content modes of the CloudEvents NATS binding that `--ce-mode` offers. */
export const CE_MODES = ['binary', 'structured'] as const

/** A content mode: `binary` (attributes as `ce-` headers) or `structured` (one JSON document). */
export type CeMode = (typeof CE_MODES)[number]

/** The `prepare` flags that only mean something with `--emit nats…`. */
export interface NatsEmitFlags extends NatsFlags {
  readonly ceMode?: CeMode
  readonly requireAck?: boolean
  readonly timeoutMs?: number
}

const FLAG_OF: Record<keyof NatsEmitFlags, string> = {
  natsUser: '--nats-user',
  natsPassword: '--nats-password',
  natsToken: '--nats-token',
  natsNkey: '--nats-nkey',
  natsCreds: '--nats-creds',
  natsCa: '--nats-ca',
  natsCert: '--nats-cert',
  natsKey: '--nats-key',
  ceMode: '--ce-mode',
  requireAck: '--require-ack',
  timeoutMs: '--timeout-ms',
}

/** A NATS flag given without a NATS target: a usage mistake worth naming. */
export function strayNatsFlag(flags: NatsEmitFlags): string | undefined {
  const given = (Object.keys(FLAG_OF) as (keyof NatsEmitFlags)[]).find((key) => flags[key] !== undefined)
  return given === undefined ? undefined : `${FLAG_OF[given]} applies only with --emit nats, nats://… or tls://…`
}
