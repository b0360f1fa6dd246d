/**
 * The `metrics` group: `record` appends the execution record that closes an agent
 * session, `show` prints the summary a bundle carries plus the recent runs. The option
 * names come from `METRICS_RECORD`, the table the printed session-close commands are
 * built from, so what bundles, events and drafts print is exactly what this accepts.
 */
import { join } from 'node:path'
import { type Command, InvalidArgumentError, Option } from 'commander'
import { SLUG_PATTERN } from '../../../contracts/constants.ts'
import { METRICS_RECORD as R, SESSION_CLOSE_PLACEHOLDERS } from '../../command-lines/command-lines.ts'
import { parseCount, parseDecimal } from '../../metrics/numbers.ts'
import type { RecordProblem } from '../../metrics/record.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { helpFooter } from '../help-text.ts'
import { type CliIo, messageLine, verboseLine } from '../io.ts'
import { formatOption, pathOption, positiveInteger, runIdOption } from '../options.ts'
import { findTargetOrDiscover } from '../target.ts'

const RECORD_FORMATS = ['text', 'json'] as const
const SHOW_FORMATS = ['table', 'json'] as const
const DEFAULT_LAST = 10

interface RecordOptions {
  readonly success?: boolean
  readonly failure?: boolean
  readonly time: number
  readonly quality?: number
  readonly target?: string
  readonly runId?: string
  readonly tokens?: number
  readonly format: (typeof RECORD_FORMATS)[number]
}

interface ShowOptions {
  readonly target?: string
  readonly format: (typeof SHOW_FORMATS)[number]
  readonly last: number
}

/** Agent names reach a file name: a lowercase slug, as everywhere else. */
function agentName(value: string): string {
  if (!new RegExp(SLUG_PATTERN, 'u').test(value)) {
    throw new InvalidArgumentError(
      'use a lowercase slug (a-z, 0-9 and "-", starting with a letter, at most 63 characters)',
    )
  }
  return value
}

/** A decimal number; the range is the contract's to check (and word). */
const decimal =
  (what: string) =>
  (value: string): number => {
    const n = parseDecimal(value)
    if (n === undefined) throw new InvalidArgumentError(`expected ${what}`)
    return n
  }

function count(value: string): number {
  const n = parseCount(value)
  if (n === undefined) throw new InvalidArgumentError('expected a non-negative integer')
  return n
}

/** One line per problem, naming the flag or variable it came from. */
function describeProblem(problem: RecordProblem): string {
  const { source, value, message } = problem
  switch (source.kind) {
    case 'flag':
      return `${source.flag} ${value}: ${message}`
    case 'env':
      return `${source.variable}=${JSON.stringify(value)} (environment): ${message}`
    case 'argument':
      return `agent ${JSON.stringify(value)}: ${message}`
    case 'clock':
      return `the clock gave ${value}: ${message}`
  }
}

const RECORD_HELP = `
Appends one execution record to .kaizen/metrics/<agent>.jsonl under --target (default:
the nearest directory up from here with a manifest, else this one), validated against
the execution-record contract first. The session-close command that bundles and events
print shows ${R.time} ${SESSION_CLOSE_PLACEHOLDERS.time} ${R.quality} ${SESSION_CLOSE_PLACEHOLDERS.quality}: put the measured values there. The fleet
variables HELIX_SESSION_UID, HELIX_REPO, HELIX_FLAVOR, HELIX_TOKENS and
HELIX_INFRA_OVERHEAD_SHARE are merged when set; a flag beats the environment.
${helpFooter(
  [
    'kaizen-agentic metrics record coach --success --time 312 --quality 0.8',
    'kaizen-agentic metrics record coach --failure --time 45 --run-id acme-service.coach.20270104T0800Z',
    'HELIX_SESSION_UID=hx-42 kaizen-agentic metrics record coach --success --time 30 --target ~/src/acme-service',
  ],
  'Exit 1 on an invalid environment value or a log that cannot be written safely; nothing is written on 1 or 2.',
)}`

const SHOW_HELP = `
Prints the metrics summary a prepared bundle carries (runs, success rate, mean quality
and time, last run) and the most recent runs, newest first. A missing log shows 0 runs.
${helpFooter([
  'kaizen-agentic metrics show coach',
  'kaizen-agentic metrics show coach --format json --last 3 --target ~/src/acme-service',
])}`

/** Registers the `metrics` group on the program; returns it so the program can configure its output. */
export function registerMetrics(metrics: Command, io: CliIo, done: (code: number) => void): Command {
  metrics
    .command(R.command)
    .description('Append the execution record that closes an agent session')
    .argument('<agent>', 'the agent whose session closed', agentName)
    .addOption(new Option(R.success, 'the session reached its goal').conflicts('failure'))
    .addOption(new Option(R.failure, 'the session did not reach its goal').conflicts('success'))
    .requiredOption(`${R.time} <seconds>`, 'wall time of the session in seconds', decimal('a number of seconds'))
    .option(`${R.quality} <0..1>`, 'assessed quality from 0 to 1', decimal('a number from 0 to 1'))
    .option(
      `-t, ${R.target} <dir>`,
      'repository root (default: the nearest directory up from here with a manifest)',
      pathOption(R.target),
    )
    .option(`${R.runId} <id>`, 'the scheduled run this session closes (from discover or prepare)', runIdOption)
    .option(`${R.tokens} <n>`, 'tokens the session used (default: $HELIX_TOKENS)', count)
    .option('-f, --format <format>', 'what to print: text or json (the record)', formatOption(RECORD_FORMATS), 'text')
    .addHelpText('after', RECORD_HELP)
    .action(async (agent: string, options: RecordOptions) => done(await runRecord(io, agent, options)))

  metrics
    .command('show')
    .description('Show the metrics summary and the recent runs of one agent')
    .argument('<agent>', 'the agent to show', agentName)
    .option(
      '-t, --target <dir>',
      'repository root (default: the nearest directory up from here with a manifest)',
      pathOption('--target'),
    )
    .option('-f, --format <format>', 'output format: table or json', formatOption(SHOW_FORMATS), 'table')
    .option('--last <n>', 'how many recent runs to list', positiveInteger, DEFAULT_LAST)
    .addHelpText('after', SHOW_HELP)
    .action(async (agent: string, options: ShowOptions) => done(await runShow(io, agent, options)))
  return metrics
}

async function runRecord(io: CliIo, agent: string, options: RecordOptions): Promise<number> {
  if (options.success === options.failure) {
    // Both are refused by commander (conflicts); this is the "neither" case.
    throw new UsageError(`say how the session ended: ${R.success} or ${R.failure}`)
  }
  const error = (text: string) => messageLine(io, 'error', text)
  const target = await findTargetOrDiscover(io.cwd, options.target)
  if (!target.ok) {
    error(target.message)
    return EXIT.invalid
  }
  const [{ buildExecutionRecord }, { appendLine }, { metricsPath }] = await Promise.all([
    import('../../metrics/record.ts'),
    import('../../fs/append-line.ts'),
    import('../../bundle/locations.ts'),
  ])
  const built = buildExecutionRecord(
    {
      agent,
      success: options.success === true,
      timeS: options.time,
      ...(options.quality === undefined ? {} : { quality: options.quality }),
      ...(options.runId === undefined ? {} : { runId: options.runId }),
      ...(options.tokens === undefined ? {} : { tokens: options.tokens }),
    },
    io.env,
    new Date(),
  )
  if (!built.ok) {
    for (const problem of built.problems) error(describeProblem(problem))
    // A bad flag is a usage error; a bad environment value is invalid input.
    return built.problems.some((p) => p.source.kind === 'flag') ? EXIT.usage : EXIT.invalid
  }
  // A typo'd agent starts a log nothing reads: say so, but record (the session did run).
  const unscheduled = await unscheduledWarning(target.root, agent)
  const file = metricsPath(agent)
  const line = JSON.stringify(built.record)
  verboseLine(io, `repository root: ${target.root}`)
  verboseLine(io, `metrics log: ${join(target.root, file)}`)
  const appended = await appendLine(target.root, file, line)
  if (!appended.ok) {
    error(`cannot record: ${appended.reason}`)
    return EXIT.invalid
  }
  // After the write, so a refused write reads as one error, not "recorded anyway" then "cannot record".
  if (unscheduled !== undefined) messageLine(io, 'warning', unscheduled)
  if (appended.repairedTornLine) {
    messageLine(
      io,
      'warning',
      `${file} did not end with a newline (a torn earlier write); that line stays separate and is skipped as malformed`,
    )
  }
  if (options.format === 'json') io.stdout.write(`${line}\n`)
  else {
    const r = built.record
    const quality = r.quality === undefined ? '' : `, quality ${r.quality}`
    io.stdout.write(`recorded ${agent}: ${r.success ? 'success' : 'failure'}, ${r.time_s} s${quality} → ${file}\n`)
  }
  return EXIT.ok
}

/** Why `agent` looks unscheduled in the repository at `root` (worded for a warning), or undefined when it is scheduled. */
async function unscheduledWarning(root: string, agent: string): Promise<string | undefined> {
  const [{ isMissing, readRepoManifest }, { resolveAgent, resolveAgents }, { closestMatch }] = await Promise.all([
    import('../../manifest/read.ts'),
    import('../../manifest/resolve.ts'),
    import('../../schema/closest.ts'),
  ])
  const anyway = 'recorded anyway'
  const read = await readRepoManifest(root)
  if (!read.ok) {
    return isMissing(read)
      ? `no .kaizen/schedule.yml in ${root}: agent '${agent}' is scheduled nowhere; ${anyway}`
      : `${read.file} is invalid, so whether agent '${agent}' is scheduled is unknown (kaizen-agentic schedule validate says why); ${anyway}`
  }
  const found = resolveAgent(read.manifest, agent)
  if (found?.enabled) return undefined
  if (found) return `agent '${agent}' is disabled (enabled: false) in ${read.file}; ${anyway}`
  const scheduled = resolveAgents(read.manifest)
    .filter((a) => a.enabled)
    .map((a) => a.agent)
  const suggestion = closestMatch(agent, scheduled)
  const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`
  const list = scheduled.length > 0 ? `it schedules: ${scheduled.join(', ')}` : 'it schedules no agent'
  return `agent '${agent}' is not scheduled in ${read.file}${hint}; ${list}; ${anyway}`
}

async function runShow(io: CliIo, agent: string, options: ShowOptions): Promise<number> {
  const target = await findTargetOrDiscover(io.cwd, options.target)
  if (!target.ok) {
    messageLine(io, 'error', target.message)
    return EXIT.invalid
  }
  const { readAgentMetrics } = await import('../../metrics/show.ts')
  verboseLine(io, `repository root: ${target.root}`)
  const show = await readAgentMetrics({ root: target.root, agent, last: options.last })
  for (const warning of show.warnings) messageLine(io, 'warning', warning)
  if (options.format === 'json') {
    const [{ assertContract }, { default: validateShow }] = await Promise.all([
      import('../contract-output.ts'),
      import('../../../generated/validators/metrics-show.ts'),
    ])
    assertContract('metrics-show', validateShow, show)
    io.stdout.write(`${JSON.stringify(show, null, 2)}\n`)
  } else {
    const { renderMetricsTable } = await import('../../metrics/table.ts')
    io.stdout.write(renderMetricsTable(show))
  }
  return EXIT.ok
}
