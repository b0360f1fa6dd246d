/** `schedule discover (--roster FILE | --hub-url URL) [--host NAME] [--format json]`. */
import { hostname } from 'node:os'
import { type Command, InvalidArgumentError } from 'commander'
import type { ScheduledRuns } from '../../../contracts/scheduled-runs.ts'
import { DEFAULT_CONCURRENCY, discoverScheduledRuns } from '../../discover/discover.ts'
import { fetchRoster, HUB_DEFAULTS, HUB_TOKEN_ENV, rosterUrlOf } from '../../discover/hub.ts'
import type { RosterLoad } from '../../discover/roster.ts'
import { readRosterFile } from '../../discover/roster-file.ts'
import { describeViolation } from '../../schema/check.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { type CliIo, colorsFor } from '../io.ts'
import { formatOption, positiveInteger, targetDir } from '../options.ts'

const FORMATS = ['json'] as const

/** Rosters at least this large get a progress line (on a terminal only). */
export const PROGRESS_MIN_REPOS = 500

interface DiscoverFlags {
  readonly roster?: string
  readonly hubUrl?: string
  readonly host: string
  readonly format: (typeof FORMATS)[number]
  readonly timeoutMs: number
  readonly retries: number
  readonly concurrency: number
}

function hubUrlOption(value: string): string {
  const checked = rosterUrlOf(value)
  if (!checked.ok) throw new InvalidArgumentError(checked.message)
  return value
}

function retriesOption(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > 10) throw new InvalidArgumentError('expected an integer from 0 to 10')
  return n
}

function hostOption(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a host name')
  return value
}

/** Registers `discover` on the `schedule` group. */
export function registerDiscover(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('discover')
    .description(
      'Resolve the scheduled runs of a state-hub roster on this host (the discover_kaizen_scheduled_repos resolver)',
    )
    .option('-r, --roster <file>', "a roster file: state-hub's GET /repos/ answer (a JSON array)")
    .option(
      '-u, --hub-url <url>',
      `fetch the roster from URL/repos/ (bearer token from $${HUB_TOKEN_ENV} if set)`,
      hubUrlOption,
    )
    .option('-H, --host <name>', 'host whose host_paths entry to examine', hostOption, hostname())
    .option('-f, --format <format>', 'output format: json', formatOption(FORMATS), 'json')
    .option('--timeout-ms <ms>', 'hub: time allowed per attempt', positiveInteger, HUB_DEFAULTS.timeoutMs)
    .option(
      '--retries <n>',
      'hub: retries after connection errors, timeouts, 429 and 5xx',
      retriesOption,
      HUB_DEFAULTS.retries,
    )
    .option('--concurrency <n>', 'repos examined at once', positiveInteger, DEFAULT_CONCURRENCY)
    .addHelpText(
      'after',
      '\nExactly one of --roster and --hub-url. The scheduled-runs document goes to stdout; errors to stderr.\nExit codes: 0 ok (skipped repos included), 1 roster unavailable or invalid, 2 usage.',
    )
    .action(async (flags: DiscoverFlags) => {
      if ((flags.roster === undefined) === (flags.hubUrl === undefined)) {
        throw new UsageError('give exactly one roster source: --roster FILE or --hub-url URL')
      }
      const loaded = await loadRoster(io, flags)
      if (!loaded.ok) {
        io.stderr.write(`error: ${loaded.message}\n`)
        for (const problem of loaded.problems) io.stderr.write(`  ${problem}\n`)
        done(EXIT.invalid)
        return
      }
      const progress = progressReporter(io, loaded.roster.length)
      const result = await discoverScheduledRuns(loaded.roster, {
        host: flags.host,
        concurrency: flags.concurrency,
        ...(progress ? { onProgress: progress } : {}),
      })
      if (progress) io.stderr.write('\r\x1b[K')
      if (!result.ok) {
        // The resolver's own output broke its contract: a bug, reported rather than printed.
        io.stderr.write(
          `error: ${describeViolation('the scheduled-runs document', result.error)} (a bug; please report it)\n`,
        )
        done(EXIT.invalid)
        return
      }
      io.stdout.write(`${JSON.stringify(result.document, null, 2)}\n`)
      if (io.stderrIsTTY) io.stderr.write(`${summaryOf(io, result.document, flags.host)}\n`)
      done(EXIT.ok)
    })
}

function loadRoster(io: CliIo, flags: DiscoverFlags): Promise<RosterLoad> {
  if (flags.roster !== undefined) return readRosterFile(targetDir(io.cwd, flags.roster), flags.roster)
  return fetchRoster(flags.hubUrl ?? '', {
    timeoutMs: flags.timeoutMs,
    retries: flags.retries,
    token: io.env[HUB_TOKEN_ENV],
  })
}

/** A throttled `examined N/M repos` line, for large rosters on a terminal; undefined otherwise. */
function progressReporter(io: CliIo, total: number): ((done: number, total: number) => void) | undefined {
  if (!io.stderrIsTTY || total < PROGRESS_MIN_REPOS) return undefined
  const step = Math.max(1, Math.floor(total / 100))
  return (done) => {
    if (done % step === 0 || done === total) io.stderr.write(`\r\x1b[Kdiscover: examined ${done}/${total} repos`)
  }
}

function summaryOf(io: CliIo, document: ScheduledRuns, host: string): string {
  const c = colorsFor(io, 'stderr')
  const reasons = new Map<string, number>()
  for (const s of document.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1)
  const detail = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')
  const runs = document.scheduled_runs.length
  return `${c.green('✓')} ${runs} run${runs === 1 ? '' : 's'} on ${host}; ${document.skipped.length} skipped${detail ? ` (${detail})` : ''}`
}
