/** `schedule prepare AGENT [--target DIR] [--format markdown|json] [--max-bytes N] [--emit FILE|-|nats://HOST:PORT] [--repo SLUG]`. */
import type { Command } from 'commander'
import { BUNDLE_FORMATS, TIMESTAMP_PATTERN } from '../../../contracts/constants.ts'
import type { SchedulePreparedEvent } from '../../../contracts/schedule-prepared-event.ts'
import { type BundleFormat, DEFAULT_MAX_BYTES, type PrepareFailure, prepareBundle } from '../../bundle/prepare.ts'
import { isRepoSlug } from '../../bundle/repo-slug.ts'
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts'
import { buildPreparedEvent } from '../../event/build-event.ts'
import { cloudEventHeaderErrors, cloudEventHeaders } from '../../event/cloudevents.ts'
import { eventFileProblem, writeEventFile } from '../../event/emit-file.ts'
import { type EmitTarget, parseEmitTarget } from '../../event/emit-target.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { type CliIo, colorsFor } from '../io.ts'
import { formatOption, positiveInteger, targetDir } from '../options.ts'

/** Environment variable that pins "now" (RFC 3339), for reproducible bundles in tests and demos. */
export const NOW_ENV = 'KAIZEN_NOW'

interface PrepareOptions {
  readonly target: string
  readonly format: BundleFormat
  readonly maxBytes?: number
  readonly emit?: string
  readonly repo?: string
}

/** "Now", or the instant KAIZEN_NOW pins. */
function nowFrom(io: CliIo): Date {
  const pinned = io.env[NOW_ENV]
  if (pinned === undefined || pinned === '') return new Date()
  const date = new Date(pinned)
  // The contract's pattern insists on an offset: without one, Date would read local time.
  if (!new RegExp(TIMESTAMP_PATTERN, 'u').test(pinned) || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `${NOW_ENV} must be an RFC 3339 timestamp such as 2026-06-15T09:00:00Z; got ${JSON.stringify(pinned)}`,
    )
  }
  return date
}

/** The stderr lines (and exit code) for a bundle that could not be prepared. */
function reportFailure(io: CliIo, failure: PrepareFailure): number {
  const c = colorsFor(io, 'stderr')
  const error = (text: string) => io.stderr.write(`${c.red('error:')} ${text}\n`)
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
      const agent = JSON.stringify(failure.agent)
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
    case 'contract-violation':
      error(`internal error: the bundle breaks the prepared-bundle contract: ${failure.errors.join('; ')}`)
      return EXIT.invalid
  }
}

/** Parses `--emit`; a malformed value is a usage error. */
function emitTargetOf(io: CliIo, value: string | undefined): EmitTarget | undefined {
  if (value === undefined) return undefined
  const parsed = parseEmitTarget(value, io.cwd)
  if (!parsed.ok) throw new UsageError(parsed.message)
  return parsed.target
}

/** Sends the event to a file or NATS (stdout is the caller's); returns what went wrong, if anything. */
async function sendEvent(io: CliIo, target: EmitTarget, event: SchedulePreparedEvent): Promise<string | undefined> {
  if (target.kind === 'file') {
    const written = await writeEventFile(target.path, event)
    if (!written.ok) return `--emit: ${written.message}`
    if (io.stderrIsTTY) io.stderr.write(`event written to ${target.path}\n`)
  } else if (target.kind === 'nats') {
    const headers = cloudEventHeaders(event)
    const headerErrors = cloudEventHeaderErrors(headers)
    if (headerErrors.length > 0)
      return `internal error: the CloudEvents headers break their contract: ${headerErrors.join('; ')}`
    // Loaded only here: the NATS client is most of what `prepare` would otherwise load.
    const { publishEvent } = await import('../../event/publish-nats.ts')
    const published = await publishEvent(target.server, event, headers)
    if (!published.ok) return `--emit: ${published.message}`
    if (io.stderrIsTTY) io.stderr.write(`event published to ${target.url} on ${event.event}\n`)
  }
  return undefined
}

/** Registers `prepare` on the `schedule` group. */
export function registerPrepare(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('prepare')
    .description(
      'Print the offline bundle for one scheduled agent (prompt, memory, metrics summary, repo pointers); optionally emit the kaizen.schedule.prepared event',
    )
    .argument('<agent>', 'an agent the manifest schedules')
    .option('-t, --target <dir>', 'repository root', '.')
    .option('-f, --format <format>', 'output format: markdown or json', formatOption(BUNDLE_FORMATS), 'markdown')
    .option('--max-bytes <n>', `byte budget of the printed bundle (default: ${DEFAULT_MAX_BYTES})`, positiveInteger)
    .option('--emit <target>', 'also emit the kaizen.schedule.prepared event to FILE, - (stdout) or nats://HOST:PORT')
    .option('--repo <slug>', 'state-hub repo slug (default: the directory name)')
    .addHelpText(
      'after',
      `\nThe bundle goes to stdout, warnings to stderr.\n${NOW_ENV}=<RFC 3339 time> pins the preparation time, for reproducible bundles.`,
    )
    .action(async (agent: string, options: PrepareOptions) => {
      if (options.repo !== undefined && !isRepoSlug(options.repo)) {
        throw new UsageError(
          `--repo ${JSON.stringify(options.repo)} is not a repo slug (letters, digits, '.', '_', '-')`,
        )
      }
      const now = nowFrom(io)
      const emit = emitTargetOf(io, options.emit)
      // Fail before any work when the event cannot be written where asked.
      const fileProblem = emit?.kind === 'file' ? await eventFileProblem(emit.path) : undefined
      const c = colorsFor(io, 'stderr')
      if (fileProblem) {
        io.stderr.write(`${c.red('error:')} --emit: ${fileProblem}\n`)
        return done(EXIT.invalid)
      }

      const result = await prepareBundle({
        root: targetDir(io.cwd, options.target),
        agent,
        format: options.format,
        ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
        ...(options.repo === undefined ? {} : { repo: options.repo }),
        now,
      })
      if (!result.ok) return done(reportFailure(io, result.failure))
      const { bundle, text } = result
      for (const warning of bundle.warnings) io.stderr.write(`${c.yellow('warning:')} ${warning}\n`)

      if (emit === undefined) {
        io.stdout.write(text)
        return done(EXIT.ok)
      }
      const built = buildPreparedEvent(bundle, options.format)
      if (!built.ok) {
        io.stderr.write(
          `${c.red('error:')} internal error: the event breaks its contract: ${built.errors.join('; ')}\n`,
        )
        return done(EXIT.invalid)
      }
      // File and NATS go first: when the event cannot leave, the run fails before printing anything.
      const problem = await sendEvent(io, emit, built.event)
      if (problem) {
        io.stderr.write(`${c.red('error:')} ${problem}\n`)
        return done(EXIT.invalid)
      }
      io.stdout.write(text)
      if (emit.kind === 'stdout') io.stdout.write(`${JSON.stringify(built.event)}\n`)
      return done(EXIT.ok)
    })
}
