/** `schedule prepare AGENT [--target DIR] [--format markdown|json|xml] [--max-bytes N] [--max-tokens N] [--tokenizer NAME] [--strict] [--emit FILE|-|nats|nats://HOST:PORT] [--repo SLUG] [--run-id ID] [--nats-* …]`. */
import type { Command } from 'commander'
import { TIMESTAMP_PATTERN } from '../../../contracts/constants.ts'
import type { PreparedBundle } from '../../../contracts/prepared-bundle.ts'
import { type BundleFormat, DEFAULT_MAX_BYTES, RENDER_FORMATS } from '../../bundle/bundle-options.ts'
import type { PrepareFailure } from '../../bundle/prepare.ts'
import { isRepoSlug } from '../../bundle/repo-slug.ts'
import { findingPlace } from '../../bundle/secret-scan.ts'
import { DEFAULT_TOKENIZER, startTokenCounter, TOKENIZERS, type TokenizerName } from '../../bundle/tokenizer.ts'
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts'
import { clip, escapeControl } from '../../diagnostics/safe-text.ts'
import { type EmitTarget, parseEmitTarget } from '../../event/emit-target.ts'
import { CE_MODES, type NatsEmitFlags, strayNatsFlag } from '../../event/nats-emit-flags.ts'
import type { NatsConnection } from '../../event/nats-options.ts'
import { describeViolation } from '../../schema/check.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { helpFooter } from '../help-text.ts'
import { type CliIo, colorsFor, messageLine, verboseLine } from '../io.ts'
import {
  formatOption,
  MAX_TIMEOUT_MS,
  parseInstant,
  pathOption,
  positiveInteger,
  runIdOption,
  targetDir,
  timeoutMsOption,
} from '../options.ts'
import { discoverRoot, existingManifest } from '../target.ts'

/** Environment variable that pins "now" (RFC 3339), for reproducible bundles in tests and demos. */
export const NOW_ENV = 'KAIZEN_NOW'

interface PrepareOptions extends NatsEmitFlags {
  readonly target?: string
  readonly format: BundleFormat
  readonly maxBytes?: number
  readonly maxTokens?: number
  readonly tokenizer?: TokenizerName
  readonly strict?: boolean
  readonly emit?: string
  readonly repo?: string
  readonly runId?: string
  readonly force?: boolean
}

/** "Now", or the instant KAIZEN_NOW pins (read as `--at` is: a real day, in range). */
function nowFrom(io: CliIo): Date {
  const pinned = io.env[NOW_ENV]
  if (pinned === undefined || pinned === '') return new Date()
  const parsed = parseInstant(pinned)
  if (parsed.ok) return parsed.date
  const got = escapeControl(JSON.stringify(clip(pinned)))
  // The contract's pattern insists on an offset: without one, Date would read local time.
  if (!new RegExp(TIMESTAMP_PATTERN, 'u').test(pinned)) {
    throw new UsageError(`${NOW_ENV} must be an RFC 3339 timestamp such as 2026-06-15T09:00:00Z; got ${got}`)
  }
  throw new UsageError(`${NOW_ENV}=${got}: ${parsed.message}`)
}

/** The stderr lines (and exit code) for a bundle that could not be prepared. */
function reportFailure(io: CliIo, failure: PrepareFailure): number {
  const c = colorsFor(io, 'stderr')
  const error = (text: string) => messageLine(io, 'error', text)
  switch (failure.kind) {
    case 'no-target':
      error(`target directory ${failure.root} does not exist`)
      return EXIT.invalid
    case 'no-manifest':
      for (const d of failure.diagnostics) error(formatDiagnostic(d))
      return EXIT.invalid
    case 'invalid-manifest': {
      for (const d of failure.diagnostics) io.stderr.write(`${c.red('✖')} ${formatDiagnostic(d)}\n`)
      const n = failure.diagnostics.length
      error(`${failure.file} is invalid (${n} problem${n === 1 ? '' : 's'}); fix it, then run prepare again`)
      return EXIT.invalid
    }
    case 'not-scheduled': {
      // JSON escapes C0 controls; escapeControl adds C1 (the one-byte CSI) and bidi overrides.
      const agent = escapeControl(JSON.stringify(clip(failure.agent)))
      const what = failure.disabled
        ? `agent ${agent} is disabled (enabled: false) in ${failure.file}`
        : `agent ${agent} is not scheduled in ${failure.file}`
      const hint = failure.suggestion ? ` (did you mean '${failure.suggestion}'?)` : ''
      const scheduled =
        failure.scheduled.length > 0
          ? `it schedules: ${failure.scheduled.join(', ')}`
          : 'it schedules no agent (every agent is disabled)'
      error(`${what}${hint}; ${scheduled}`)
      return EXIT.invalid
    }
    case 'budget-too-small':
      throw new UsageError(
        `--max-bytes ${failure.maxBytes} is too small for this bundle: it needs at least ${failure.minimumBytes} bytes, even with every section cut`,
      )
    case 'token-budget-too-small':
      throw new UsageError(
        `--max-tokens ${failure.maxTokens} is too small for this bundle: it needs at least ${failure.minimumTokens} tokens, even with every section cut`,
      )
    case 'secrets-found': {
      for (const f of failure.findings) error(`${findingPlace(f)}: ${f.rule} found`)
      const n = failure.findings.length
      error(
        `${n} secret${n === 1 ? '' : 's'} found in the bundled text (--strict); remove ${n === 1 ? 'it' : 'them'}, or run without --strict to redact`,
      )
      return EXIT.invalid
    }
    case 'contract-violation':
      error(describeViolation('the bundle', failure))
      return EXIT.invalid
  }
}

/** Whether the bundle found none of the agent's parts: only its schedule is left to print. */
const foundNothing = (bundle: PreparedBundle): boolean =>
  !bundle.agent_prompt_found && !bundle.has_memory && !bundle.has_metrics && bundle.pointers.length === 0

/**
 * HOST:PORT (or a list of them) with no path separator: what an operator types for a NATS
 * server, and forgets the scheme. As a file name it would quietly write ./localhost:4222;
 * `./x:1` and `dir/x:1` say "file" and stay files.
 */
const HOST_PORT_ONLY = /^[^/\\]+:\d+$/u

/** The usage error for `--emit HOST:PORT`: both readings, spelled out. */
function hostPortRefusal(value: string): string {
  // user:password@host:4222 must not reach the terminal or a CI log.
  if (value.includes('@')) {
    return '--emit HOST:PORT is ambiguous: for a NATS server write nats://HOST:PORT (credentials go in NATS_USER/NATS_PASSWORD, NATS_TOKEN or NATS_CREDS), for a file ./FILE'
  }
  const servers = value
    .split(',')
    .map((part) => `nats://${part.trim()}`)
    .join(',')
  const shown = escapeControl(clip(value))
  return `--emit ${shown} is ambiguous: for a NATS server write --emit ${escapeControl(clip(servers))}, for a file --emit ./${shown}`
}

/** Parses `--emit`; a malformed or ambiguous value is a usage error. */
function emitTargetOf(io: CliIo, value: string | undefined): EmitTarget | undefined {
  if (value === undefined) return undefined
  if (HOST_PORT_ONLY.test(value)) throw new UsageError(hostPortRefusal(value))
  const parsed = parseEmitTarget(value, io.cwd, io.env)
  if (!parsed.ok) throw new UsageError(parsed.message)
  return parsed.target
}

/** Registers `prepare` on the `schedule` group. */
export function registerPrepare(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('prepare')
    .description(
      'Print the offline bundle for one scheduled agent (prompt, memory, metrics summary, repo pointers); optionally emit the kaizen.schedule.prepared event',
    )
    .argument('<agent>', 'an agent the manifest schedules')
    .option(
      '-t, --target <dir>',
      'repository root (default: the nearest directory up from here with a manifest)',
      pathOption('--target'),
    )
    .option('-f, --format <format>', 'output format: markdown, json or xml', formatOption(RENDER_FORMATS), 'markdown')
    .option('--max-bytes <n>', `byte budget of the printed bundle (default: ${DEFAULT_MAX_BYTES})`, positiveInteger)
    .option(
      '--max-tokens <n>',
      'token budget of the printed bundle (counts tokens; both budgets hold)',
      positiveInteger,
    )
    .option(
      '--tokenizer <name>',
      `encoding to count tokens with: ${TOKENIZERS.join(', ')} (default: ${DEFAULT_TOKENIZER}; counts tokens)`,
      formatOption(TOKENIZERS),
    )
    .option(
      '--strict',
      'fail (exit 1) instead of redacting when a secret is found in the bundled text, and when nothing (prompt, memory, metrics, pointers) was found',
    )
    .option(
      '--emit <target>',
      'also emit the kaizen.schedule.prepared event to FILE, - (stdout), nats ($NATS_URL) or nats://HOST:PORT / tls://HOST:PORT (comma-separated for several servers)',
    )
    .option('--repo <slug>', 'state-hub repo slug (default: the directory name)')
    .option('--nats-user <user>', 'NATS user (env NATS_USER); the password from --nats-password or NATS_PASSWORD')
    .option('--nats-password <password>', 'NATS password (env NATS_PASSWORD; prefer the variable: flags show in ps)')
    .option('--nats-token <token>', 'NATS token (env NATS_TOKEN; prefer the variable)')
    .option('--nats-nkey <file>', 'NKey seed file (env NATS_NKEY)')
    .option('--nats-creds <file>', 'NATS credentials file: user JWT and seed (env NATS_CREDS)')
    .option('--nats-ca <file>', 'CA certificate to trust for TLS (env NATS_CA)')
    .option('--nats-cert <file>', 'client certificate for mutual TLS (env NATS_CERT)')
    .option('--nats-key <file>', 'key of the client certificate (env NATS_KEY)')
    .option(
      '--ce-mode <mode>',
      'CloudEvents content mode on NATS: binary (ce- headers) or structured',
      formatOption(CE_MODES),
    )
    .option('--require-ack', 'fail unless a JetStream stream acknowledges the event')
    .option(
      '--timeout-ms <ms>',
      `NATS: total time for connecting and the acknowledgement (1 to ${MAX_TIMEOUT_MS}; default: 10000)`,
      timeoutMsOption,
    )
    .option(
      '--run-id <id>',
      'the scheduled run being prepared (run_id from discover); carried into the bundle, the event and the session-close command',
      runIdOption,
    )
    .option('--force', 'let --emit FILE replace an existing regular file that is not a previous event')
    .addHelpText(
      'after',
      `\nThe bundle goes to stdout, warnings to stderr. Secrets found in the bundled text are
replaced by [REDACTED:<rule>] and reported (file, line, rule); --strict fails instead.
When the budget is tight, pointers are cut first, then the optimizer analysis, memory
(oldest first), metrics, and the agent prompt last; each cut is marked where it happened.

NATS: the environment of the nats CLI applies (NATS_URL, NATS_USER, NATS_PASSWORD, NATS_TOKEN,
NATS_NKEY, NATS_CREDS, NATS_CA, NATS_CERT, NATS_KEY); a --nats-* flag beats its variable.
When a JetStream stream captures the subject, the event is published through it with
Nats-Msg-Id = ce-id and prepare succeeds only on its acknowledgement.

--emit - writes the event to stdout after the bundle, as one JSON line. With --format json,
stdout is then NDJSON: line 1 the bundle (on one line; its bytes counts that line), line 2 the
event. With markdown, the event is the last line.

${NOW_ENV}=<RFC 3339 time> pins the preparation time, for reproducible bundles.
${helpFooter(
  [
    'kaizen-agentic schedule prepare coach --target ~/src/acme-service',
    'kaizen-agentic schedule prepare coach --max-tokens 8000 --format xml',
    'kaizen-agentic schedule prepare coach --format json --tokenizer cl100k_base --emit -',
    'kaizen-agentic schedule prepare coach --emit nats',
    'NATS_CREDS=~/.nats/ci.creds kaizen-agentic schedule prepare coach --emit tls://nats.internal:4222 --require-ack',
    'kaizen-agentic schedule prepare coach --emit nats://a:4222,nats://b:4222 --ce-mode structured',
  ],
  'Exit 1 also when --strict finds a secret or nothing for the agent, or the event cannot be emitted.',
)}`,
    )
    .action(async (agent: string, options: PrepareOptions) => {
      if (options.repo !== undefined && !isRepoSlug(options.repo)) {
        throw new UsageError(
          `--repo ${JSON.stringify(options.repo)} is not a repo slug (letters, digits, '.', '_', '-')`,
        )
      }
      const now = nowFrom(io)
      const emit = emitTargetOf(io, options.emit)
      if (emit !== undefined && options.format === 'xml') {
        throw new UsageError(
          '--emit cannot announce an xml bundle: the kaizen.schedule.prepared event 1.x knows markdown and json; emit with --format markdown or json',
        )
      }
      // Fail before any work when the event cannot be written where asked.
      const fileProblem =
        emit?.kind === 'file'
          ? await (await import('../../event/emit-file.ts')).eventFileProblem(emit.path, {
              force: options.force === true,
            })
          : undefined
      if (fileProblem) {
        messageLine(io, 'error', `--emit: ${fileProblem}`)
        return done(EXIT.invalid)
      }
      let natsConnection: NatsConnection | undefined
      if (emit?.kind === 'nats') {
        const { prepareNatsConnection } = await import('../../event/emit-nats.ts')
        const loaded = await prepareNatsConnection(emit, options, io.env)
        if (!loaded.ok && loaded.usage) throw new UsageError(loaded.message)
        if (!loaded.ok) {
          messageLine(io, 'error', `--emit: ${loaded.message}`)
          return done(EXIT.invalid)
        }
        natsConnection = loaded.value
      } else {
        const stray = strayNatsFlag(options)
        if (stray) throw new UsageError(stray)
      }

      // The tokenizer's worker starts before the pipeline loads, so that load overlaps its own.
      if (options.maxTokens !== undefined || options.tokenizer !== undefined) startTokenCounter(options.tokenizer)
      const { prepareBundle } = await import('../../bundle/prepare.ts')
      const root = targetDir(io.cwd, options.target ?? (await discoverRoot(io.cwd)))
      if (io.verbose === true) {
        verboseLine(io, `repository root: ${root}`)
        verboseLine(io, `manifest: ${(await existingManifest(root)) ?? `none found in ${root}`}`)
      }
      const result = await prepareBundle({
        root,
        agent,
        format: options.format,
        ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
        ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
        ...(options.tokenizer === undefined ? {} : { tokenizer: options.tokenizer }),
        ...(options.strict ? { strict: true } : {}),
        ...(options.repo === undefined ? {} : { repo: options.repo }),
        ...(options.runId === undefined ? {} : { runId: options.runId }),
        // With --emit -, a json stdout is NDJSON: the bundle line, then the event line.
        ...(emit?.kind === 'stdout' && options.format === 'json' ? { oneLineJson: true } : {}),
        now,
      })
      if (!result.ok) return done(reportFailure(io, result.failure))
      const { bundle, text } = result
      for (const warning of bundle.warnings) messageLine(io, 'warning', warning)
      if (foundNothing(bundle)) {
        // A bundle of the schedule alone orients nobody: most often the wrong --target or agent.
        const what = `nothing was found for agent '${bundle.agent}' in ${bundle.root}: no agent prompt (.kaizen/agents/${bundle.agent}.md), memory (.kaizen/memory/${bundle.agent}.md), metrics (.kaizen/metrics/${bundle.agent}.jsonl) or pointers`
        if (options.strict) {
          messageLine(io, 'error', `${what} (--strict)`)
          return done(EXIT.invalid)
        }
        messageLine(io, 'warning', `${what}; the bundle holds only the schedule`)
      }

      if (emit === undefined) {
        io.stdout.write(text)
        return done(EXIT.ok)
      }
      // File and NATS go first: when the event cannot leave, the run fails before printing anything.
      // xml was refused above, before any work.
      // The event pipeline (its CloudEvents validators, the NATS binding) loads only to emit.
      const { describeEmitFailure, emitEvent } = await import('../../event/emit-event.ts')
      const emitted = await emitEvent(bundle, options.format === 'xml' ? 'markdown' : options.format, emit, {
        force: options.force === true,
        ...(natsConnection === undefined ? {} : { nats: { connection: natsConnection, flags: options } }),
      })
      if (!emitted.ok) {
        messageLine(io, 'error', describeEmitFailure(emitted.error))
        return done(EXIT.invalid)
      }
      if (emitted.warning) messageLine(io, 'warning', emitted.warning)
      if (emitted.notice && io.stderrIsTTY) io.stderr.write(`${emitted.notice}\n`)
      io.stdout.write(text)
      if (emitted.stdoutLine) io.stdout.write(emitted.stdoutLine)
      return done(EXIT.ok)
    })
}
