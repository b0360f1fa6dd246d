/** `schedule discover (--roster FILE | --hub-url URL) [--host NAME] [--from T1 [--to T2]] [--agent NAME]… [--format json]`. */
import { hostname } from 'node:os'
import { type Command, InvalidArgumentError, Option } from 'commander'
import type { ScheduledRuns } from '../../../contracts/scheduled-runs.ts'
import { escapeControl, safeEcho } from '../../diagnostics/safe-text.ts'
import { DEFAULT_CONCURRENCY, discoverScheduledRuns } from '../../discover/discover.ts'
import { fetchRoster, HUB_DEFAULTS, HUB_TOKEN_ENV, rosterUrlOf } from '../../discover/hub.ts'
import type { RosterLoad } from '../../discover/roster.ts'
import { MAX_ROSTER_BYTES, readRosterFile, rosterFromBytes } from '../../discover/roster-file.ts'
import { checkWindow, type DueWindow, MAX_WINDOW_DAYS } from '../../discover/window.ts'
import { describeViolation } from '../../schema/check.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { helpFooter } from '../help-text.ts'
import { type CliIo, colorsFor, messageLine, verboseLine } from '../io.ts'
import {
  agentOption,
  formatOption,
  instantOption,
  MAX_TIMEOUT_MS,
  pathOption,
  positiveInteger,
  targetDir,
  timeoutMsOption,
} from '../options.ts'

const FORMATS = ['json', 'table'] as const

/** Rosters at least this large get a progress line (on a terminal only). */
export const PROGRESS_MIN_REPOS = 500

interface DiscoverFlags {
  readonly roster?: string
  readonly hubUrl?: string
  readonly local?: readonly string[]
  readonly host: string
  readonly format: (typeof FORMATS)[number]
  readonly timeoutMs: number
  readonly retries: number
  readonly concurrency: number
  readonly from?: Date
  readonly to?: Date
  readonly agent?: readonly string[]
}

function hubUrlOption(value: string): string {
  const checked = rosterUrlOf(value)
  // A UsageError, not commander's InvalidArgumentError: that one repeats the value, password included.
  if (!checked.ok) throw new UsageError(`--hub-url: ${checked.message}`)
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
    .option(
      '-r, --roster <file>',
      "a roster file: state-hub's GET /repos/ answer (a JSON array); - reads it from stdin",
      pathOption('--roster'),
    )
    .option(
      '-u, --hub-url <url>',
      `fetch the roster from URL/repos/ (bearer token from $${HUB_TOKEN_ENV} if set)`,
      hubUrlOption,
    )
    .option(
      '-l, --local <dir>',
      'no hub: one roster entry per subdirectory of DIR (slug = its name), on --host (repeatable)',
      (value: string, previous: readonly string[] = []) => [...previous, pathOption('--local')(value)],
    )
    .addOption(
      // The default in words: the name itself differs per machine (and in docs/cli.md).
      new Option('-H, --host <name>', 'host whose host_paths entry to examine')
        .argParser(hostOption)
        .default(hostname(), "this machine's host name"),
    )
    .option('-f, --format <format>', 'output format: json or table (for people)', formatOption(FORMATS), 'json')
    .option(
      '--timeout-ms <ms>',
      `hub: time allowed per attempt (1 to ${MAX_TIMEOUT_MS})`,
      timeoutMsOption,
      HUB_DEFAULTS.timeoutMs,
    )
    .option(
      '--retries <n>',
      'hub: retries after connection errors, timeouts, 429 and 5xx',
      retriesOption,
      HUB_DEFAULTS.retries,
    )
    .option(
      '--concurrency <n>',
      'repos examined at once when reads wait on a device (cold cache, network file system)',
      positiveInteger,
      DEFAULT_CONCURRENCY,
    )
    .option(
      '--from <timestamp>',
      'list every occurrence due after this RFC 3339 instant (with Z or an offset), each with due_at and run_id',
      instantOption,
    )
    .option('--to <timestamp>', 'end of the window, inclusive (default: now; needs --from)', instantOption)
    .option('--agent <name>', 'only this agent (repeatable)', agentOption)
    .addHelpText(
      'after',
      [
        '',
        'Exactly one of --roster, --hub-url and --local. The scheduled-runs document goes to stdout; errors to stderr.',
        'Without --from: one run per (repo, enabled agent). With --from T1 [--to T2]: one run per occurrence',
        `due in the half-open window (T1, T2] (at most ${MAX_WINDOW_DAYS} days), so consecutive ticks never list one twice.`,
        '',
      ].join('\n') +
        helpFooter(
          [
            'kaizen-agentic schedule discover --roster roster.json',
            'kaizen-agentic schedule discover --hub-url "$STATE_HUB_URL" --from 2027-01-04T07:45:00Z --to 2027-01-04T08:00:00Z',
            // With --to: without it the window ends now, and a --from in the future is refused.
            'kaizen-agentic schedule discover --roster roster.json --from 2027-01-01T00:00:00+01:00 --to 2027-01-08T00:00:00+01:00 --agent coach',
            'kaizen-agentic schedule discover --roster roster.json --format table',
            'kaizen-agentic schedule discover --local ~/src --format table',
          ],
          'Skipped repos still exit 0; an unavailable or invalid roster exits 1.',
        ),
    )
    .action(async (flags: DiscoverFlags) => {
      const sources = [flags.roster, flags.hubUrl, flags.local].filter((s) => s !== undefined).length
      if (sources !== 1) {
        throw new UsageError('give exactly one roster source: --roster FILE, --hub-url URL or --local DIR')
      }
      const window = windowOf(flags)
      verboseLine(io, `roster: ${rosterSourceOf(io, flags)}`)
      const loaded = await loadRoster(io, flags)
      if (!loaded.ok) {
        messageLine(io, 'error', loaded.message)
        for (const problem of loaded.problems) io.stderr.write(`  ${escapeControl(problem)}\n`)
        done(EXIT.invalid)
        return
      }
      const progress = progressReporter(io, loaded.roster.length)
      const result = await discoverScheduledRuns(loaded.roster, {
        host: flags.host,
        concurrency: flags.concurrency,
        ...(window ? { window } : {}),
        ...(flags.agent ? { agents: new Set(flags.agent) } : {}),
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
      if (flags.format === 'table') {
        const { renderScheduledRunsTable } = await import('../../discover/table.ts')
        io.stdout.write(renderScheduledRunsTable(result.document))
      } else io.stdout.write(`${JSON.stringify(result.document, null, 2)}\n`)
      if (io.stderrIsTTY) io.stderr.write(`${summaryOf(io, result.document, flags.host)}\n`)
      done(EXIT.ok)
    })
}

/** The due window of `--from`/`--to`, checked before anything is read; undefined without `--from`. */
function windowOf(flags: DiscoverFlags): DueWindow | undefined {
  if (flags.from === undefined) {
    if (flags.to !== undefined)
      throw new UsageError('--to needs --from: pass --from T1 to list the occurrences due in (T1, T2]')
    return undefined
  }
  const checked = checkWindow(flags.from, flags.to ?? new Date(), flags.to !== undefined)
  if (!checked.ok) throw new UsageError(checked.message)
  return checked.window
}

async function loadRoster(io: CliIo, flags: DiscoverFlags): Promise<RosterLoad> {
  if (flags.local !== undefined) {
    // The checkouts side by side under each DIR, as `scripts/local-roster.ts` lists them, on --host.
    const { readLocalRoster } = await import('../../discover/local-roster.ts')
    const local = await readLocalRoster(flags.local, flags.host, io.cwd)
    if (!local.ok) return { ok: false, message: local.message, problems: [] }
    for (const path of local.ignored) messageLine(io, 'note', `${path} left out: its name is not a repo slug`)
    return { ok: true, roster: local.roster }
  }
  if (flags.roster === '-') {
    // As `validate -`: one more byte than the cap tells an oversized roster from one at the cap.
    const bytes = (await io.readStdin?.(MAX_ROSTER_BYTES)) ?? new Uint8Array()
    return rosterFromBytes(bytes.subarray(0, MAX_ROSTER_BYTES), bytes.length, 'the roster on stdin')
  }
  if (flags.roster !== undefined) return readRosterFile(targetDir(io.cwd, flags.roster), flags.roster)
  return fetchRoster(flags.hubUrl ?? '', {
    timeoutMs: flags.timeoutMs,
    retries: flags.retries,
    token: io.env[HUB_TOKEN_ENV],
  })
}

/** Where the roster comes from, in words (`--verbose`); the hub URL holds no credentials (hubUrlOption refuses them). */
function rosterSourceOf(io: CliIo, flags: DiscoverFlags): string {
  if (flags.local !== undefined) {
    const dirs = flags.local.map((dir) => safeEcho(targetDir(io.cwd, dir))).join(', ')
    return `the checkouts under ${dirs}, on host ${safeEcho(flags.host)}`
  }
  if (flags.roster === '-') return 'stdin'
  if (flags.roster !== undefined) return `file ${safeEcho(targetDir(io.cwd, flags.roster))}`
  const url = rosterUrlOf(flags.hubUrl ?? '')
  const token = io.env[HUB_TOKEN_ENV] === undefined ? 'no token' : `a bearer token from $${HUB_TOKEN_ENV}`
  return `state-hub ${url.ok ? url.url.href : '?'} (${token})`
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
