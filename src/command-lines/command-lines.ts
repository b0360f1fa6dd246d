/**
 * The command lines this project prints for others to run: the prepare command
 * (in scheduled runs, bundles and events) and the session-close commands. Built in
 * one place so the resolver, `prepare` and the ActivityDefinition drafts agree.
 */
import { quote } from 'shell-quote'
import { repoSlugFromDirectory } from '../bundle/repo-slug.ts'

/** The installed binary name, as the seeds write it. */
export const BINARY = 'kaizen-agentic'

/** What a prepare command line should reproduce. */
export interface PrepareCommandInput {
  readonly agent: string
  readonly root: string
  readonly format?: 'markdown' | 'json' | 'xml'
  readonly maxBytes?: number
  readonly maxTokens?: number
  readonly tokenizer?: string
  readonly repo?: string
  readonly runId?: string
  /** `--strict`: fail on a secret instead of redacting it. */
  readonly strict?: boolean
}

/**
 * `kaizen-agentic schedule prepare AGENT --target ROOT [...]`, each word quoted for a
 * POSIX shell, so a root with spaces or quotes survives a round trip through `sh -c`.
 * Options equal to the defaults are left out, so the common command stays short.
 */
export function prepareCommandLine(input: PrepareCommandInput): string {
  const words = [BINARY, 'schedule', 'prepare', input.agent, '--target', input.root]
  if (input.format && input.format !== 'markdown') words.push('--format', input.format)
  if (input.maxBytes !== undefined) words.push('--max-bytes', String(input.maxBytes))
  if (input.maxTokens !== undefined) words.push('--max-tokens', String(input.maxTokens))
  if (input.tokenizer !== undefined) words.push('--tokenizer', input.tokenizer)
  if (input.repo !== undefined) words.push('--repo', input.repo)
  if (input.runId !== undefined) words.push('--run-id', input.runId)
  if (input.strict === true) words.push('--strict')
  return quote(words)
}

/**
 * The prepare command of a discovered run: `--repo` is written whenever the hub's slug is
 * not the one `prepare` would derive from the directory name (`acme-svc` at `/srv/acme`),
 * so the bundle, the event and its subject carry the slug the roster knows.
 */
export function prepareCommandForRun(input: {
  readonly agent: string
  readonly root: string
  readonly repo: string
}): string {
  const derived = repoSlugFromDirectory(input.root)
  return prepareCommandLine({
    agent: input.agent,
    root: input.root,
    ...(input.repo === derived ? {} : { repo: input.repo }),
  })
}

/**
 * The words of `metrics record`. The commander definitions in `src/cli/commands/metrics.ts`
 * are built from these same constants, so a printed session-close command cannot name an
 * option the CLI does not have.
 */
export const METRICS_RECORD = {
  group: 'metrics',
  command: 'record',
  success: '--success',
  failure: '--failure',
  time: '--time',
  quality: '--quality',
  target: '--target',
  runId: '--run-id',
  tokens: '--tokens',
} as const

/** The placeholders of a printed session-close command; the runner replaces them with the outcome. */
export const SESSION_CLOSE_PLACEHOLDERS = { time: '<s>', quality: '<0-1>' } as const

/** What the session-close command should name. */
export interface SessionCloseInput {
  /** The scheduled run the session closes (`prepare --run-id`), carried into the record. */
  readonly runId?: string
}

/**
 * The commands a runner executes when the agent session closes (placeholders in angle
 * brackets, as the seeds print them). They run from the repo root, like the agent session.
 */
export function sessionCloseCommands(agent: string, input: SessionCloseInput = {}): string[] {
  const r = METRICS_RECORD
  const p = SESSION_CLOSE_PLACEHOLDERS
  const words = [BINARY, r.group, r.command, quote([agent]), r.success, r.time, p.time, r.quality, p.quality]
  if (input.runId !== undefined) words.push(r.runId, quote([input.runId]))
  return [words.join(' ')]
}
