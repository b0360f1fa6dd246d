/**
 * Stage 2 of `prepare` (pure): gathered parts + the agent's schedule → a bundle draft
 * whose section bodies are still whole. `completeBundle` turns a draft and the bodies
 * the budget kept into the `PreparedBundle` that is rendered and validated.
 */
import type { BundleCut, BundleSection, MetricsSummary, PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { ResolvedAgent } from '../manifest/resolve.ts'
import type { Body, FittedBody } from './budget.ts'
import type { GatheredPart, GatheredParts } from './gather.ts'
import {
  describeMetrics,
  optimizerHeadline,
  optimizerRecommendations,
  summariseExecutionRecords,
} from './metrics-summary.ts'

/** Everything about a bundle that does not come from the repo files. */
export interface BundleContext {
  readonly repo: string
  /** Absolute path of the repo checkout. */
  readonly root: string
  readonly agent: ResolvedAgent
  /** RFC 3339 time of assembly. */
  readonly preparedAt: string
  readonly prepareCommand: string
  /** The scheduled run being prepared, when the caller named one. */
  readonly runId?: string
  readonly maxBytes: number
  /** The token budget, when one was given. */
  readonly maxTokens?: number
  readonly sessionClose: readonly string[]
}

/** A section with its whole body, before the budget. */
export interface DraftSection {
  readonly section: Omit<BundleSection, 'content' | 'truncated_bytes'>
  readonly body: Body
}

/** A bundle whose section bodies are still whole. */
export interface BundleDraft {
  readonly context: BundleContext
  readonly sections: readonly DraftSection[]
  readonly metrics?: MetricsSummary
  readonly warnings: readonly string[]
  /** Secrets replaced in the section texts before the draft was made. */
  readonly redactions?: number
}

/**
 * The budget's cut order (SPEC §7), lowest first: pointers, then the optimizer analysis,
 * memory (its oldest part first), the metrics summary, and the agent prompt last — the
 * agent's own instructions are cut only when everything else is already gone.
 */
export const CUT_ORDER: Readonly<Record<BundleSection['kind'], number>> = {
  pointer: 0,
  optimizer_analysis: 1,
  memory: 2,
  metrics: 3,
  agent_prompt: 4,
}

/** How many malformed-line messages are listed before the rest is counted. */
export const LISTED_METRICS_PROBLEMS = 5

const whole = (content: string): Body => ({ content, totalBytes: Buffer.byteLength(content, 'utf8') })

function draftSection(part: GatheredPart, whole: Body = fileBody(part)): DraftSection {
  const body: Body = { ...whole, tier: CUT_ORDER[part.kind], ...(part.kind === 'memory' ? { keep: 'tail' } : {}) }
  return {
    section: {
      kind: part.kind,
      label: part.label,
      path: part.file?.path ?? part.lookedFor[0] ?? part.label,
      found: part.file !== undefined,
    },
    body,
  }
}

const fileBody = (part: GatheredPart): Body =>
  part.file ? { content: part.file.text, totalBytes: part.file.size } : { content: '', totalBytes: 0 }

/** The metrics summary (undefined when there are no metrics files) and the warnings that come with it. */
export interface MetricsDigest {
  readonly summary?: MetricsSummary
  readonly warnings: readonly string[]
}

/** The metrics summary and the warnings that come with it; undefined when there are no metrics files. */
export function summariseMetrics(parts: GatheredParts, agent: string): MetricsDigest {
  const { metrics, analysis } = parts
  if (!metrics.file && !analysis.file) return { warnings: [] }
  const warnings: string[] = []
  let log = metrics.file?.text ?? ''
  if (metrics.file && metrics.file.omittedBytes > 0) {
    // The read stopped mid-file: drop the partial last line rather than count it as malformed.
    log = log.slice(0, log.lastIndexOf('\n') + 1)
    warnings.push(
      `metrics: ${metrics.file.path} is ${metrics.file.size} bytes; only its first ${Buffer.byteLength(log, 'utf8')} bytes were summarised`,
    )
  }
  const digest = summariseExecutionRecords(log, agent)
  const listed = digest.problems.slice(0, LISTED_METRICS_PROBLEMS)
  for (const problem of listed) warnings.push(`metrics: ${metrics.lookedFor[0]} ${problem} — skipped`)
  const more = digest.problems.length - listed.length
  if (more > 0) warnings.push(`metrics: ${more} more malformed line${more === 1 ? '' : 's'} skipped`)
  let summary: MetricsSummary = digest.summary
  if (analysis.file) {
    const headline =
      analysis.file.omittedBytes > 0
        ? { problem: `analysis.json is ${analysis.file.size} bytes, too large to parse for a headline` }
        : optimizerHeadline(analysis.file.text)
    if ('headline' in headline) summary = { ...summary, optimizer_headline: headline.headline }
    else warnings.push(`optimizer analysis: ${headline.problem}`)
    const advice = analysis.file.omittedBytes > 0 ? undefined : optimizerRecommendations(analysis.file.text, agent)
    if (advice) {
      summary = {
        ...summary,
        recommendations: [...advice.recommendations],
        ...(advice.omitted > 0 ? { recommendations_omitted: advice.omitted } : {}),
      }
    }
  }
  return { summary, warnings }
}

/** Builds the draft: one section per part, in the contract's section order. */
export function assembleBundle(
  context: BundleContext,
  parts: GatheredParts,
  digest: MetricsDigest = summariseMetrics(parts, context.agent.agent),
): BundleDraft {
  const { summary, warnings: metricsWarnings } = digest
  const metricsBody = parts.metrics.file && summary ? whole(describeMetrics(summary)) : whole('')
  const sections = [
    draftSection(parts.prompt),
    draftSection(parts.memory),
    draftSection(parts.metrics, metricsBody),
    draftSection(parts.analysis),
    ...parts.pointers.map((pointer) => draftSection(pointer)),
  ]
  return {
    context,
    sections,
    ...(summary ? { metrics: summary } : {}),
    warnings: [...parts.warnings, ...metricsWarnings],
  }
}

/**
 * The bundle with the bodies the budget kept. `bytes` is 0 here: only the renderer
 * knows the printed size. Each cut section adds a warning saying how much was cut.
 */
export function completeBundle(draft: BundleDraft, fitted: readonly FittedBody[]): PreparedBundle {
  const { context } = draft
  const sections: BundleSection[] = draft.sections.map(({ section }, index) => ({
    ...section,
    content: fitted[index]?.content ?? '',
    truncated_bytes: fitted[index]?.truncatedBytes ?? 0,
  }))
  const cuts: BundleCut[] = draft.sections.flatMap(({ section, body }, index) => {
    const cut = fitted[index]?.truncatedBytes ?? 0
    if (cut === 0) return []
    const from = body.keep === 'tail' ? ('start' as const) : ('end' as const)
    return [{ section: section.label, path: section.path, from, cut_bytes: cut, total_bytes: body.totalBytes }]
  })
  const cutWarnings = cuts.map(
    (c) =>
      `${c.section}: ${c.cut_bytes} of ${c.total_bytes} bytes cut ${c.from === 'start' ? 'from the start (oldest first)' : 'from the end'} to fit the budget`,
  )
  const found = (kind: BundleSection['kind']) => sections.some((s) => s.kind === kind && s.found)
  const { agent } = context
  return {
    repo: context.repo,
    root: context.root,
    agent: agent.agent,
    cadence: agent.cadence,
    // The manifest schema already held `day` to the contract's weekday | 1..28.
    ...(agent.day === undefined ? {} : { day: agent.day as NonNullable<PreparedBundle['day']> }),
    ...(agent.time === undefined ? {} : { time: agent.time }),
    timezone: agent.timezone,
    prepared_at: context.preparedAt,
    prepare_command: context.prepareCommand,
    ...(context.runId === undefined ? {} : { run_id: context.runId }),
    agent_prompt_found: found('agent_prompt'),
    has_memory: found('memory'),
    has_metrics: (draft.metrics?.runs ?? 0) > 0,
    pointers: sections.filter((s) => s.kind === 'pointer' && s.found).map((s) => s.label),
    bytes: 0,
    max_bytes: context.maxBytes,
    ...(context.maxTokens === undefined ? {} : { max_tokens: context.maxTokens }),
    redactions: draft.redactions ?? 0,
    cuts,
    sections,
    ...(draft.metrics ? { metrics: draft.metrics } : {}),
    warnings: [...draft.warnings, ...cutWarnings],
    session_close: [...context.sessionClose],
  }
}
