/**
 * `prepare` as one call, the stages in order:
 * manifest (read, resolve the agent) → gather (contained reads) → assemble (metrics
 * summary, sections) → budget + render (markdown | json) → validate against the
 * prepared-bundle contract. Expected failures come back as values; the CLI words them.
 */
import { stat } from 'node:fs/promises'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import validatePreparedBundle from '../../generated/validators/prepared-bundle.ts'
import { prepareCommandLine, sessionCloseCommands } from '../command-lines/command-lines.ts'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { isMissing, readRepoManifest } from '../manifest/read.ts'
import { resolveAgent, resolveAgents } from '../manifest/resolve.ts'
import { type ContractViolation, contractViolation } from '../schema/check.ts'
import { closestMatch } from '../schema/closest.ts'
import { assembleBundle, type MetricsDigest, summariseMetrics } from './assemble.ts'
import { type BundleFormat, DEFAULT_MAX_BYTES } from './bundle-options.ts'
import { type GatheredPart, type GatheredParts, gatherBundleParts } from './gather.ts'
import { type RenderedBundle, renderBundle } from './render-bundle.ts'
import { repoSlugFromDirectory } from './repo-slug.ts'
import { describeSchedule } from './schedule-text.ts'
import { redactDerivedTexts, redactSecrets, type SecretFinding, secretWarnings } from './secret-scan.ts'
import { startTokenCounter, type TokenCounter, type TokenizerName } from './tokenizer.ts'
import { utf8Length } from './utf8.ts'

/** What to prepare. */
export interface PrepareRequest {
  /** Absolute path of the repo checkout. */
  readonly root: string
  readonly agent: string
  readonly format: BundleFormat
  /** The byte budget as given; absent means DEFAULT_MAX_BYTES (and stays out of `prepare_command`). */
  readonly maxBytes?: number
  /** The token budget, when given (the tokens are then counted, with `tokenizer`). */
  readonly maxTokens?: number
  /** The encoding to count tokens with; given alone, tokens are counted but not budgeted. */
  readonly tokenizer?: TokenizerName
  /** Fail (`secrets-found`) instead of redacting when a secret is found in the bundled text. */
  readonly strict?: boolean
  /** The state-hub slug, when known; otherwise the directory name is used. */
  readonly repo?: string
  /** The scheduled run being prepared (`--run-id`), carried into the bundle and the session-close command. */
  readonly runId?: string
  /** JSON on one line (the bundle record of the NDJSON `--emit -` stream); `bytes` measures that line. */
  readonly oneLineJson?: boolean
  /** The time of assembly (injected, so bundles are reproducible in tests). */
  readonly now: Date
}

/** Why no bundle was prepared. */
export type PrepareFailure =
  | { readonly kind: 'no-target'; readonly root: string }
  | { readonly kind: 'no-manifest'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'invalid-manifest'; readonly file: string; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly kind: 'not-scheduled'
      readonly agent: string
      /** Whether the manifest names the agent but sets `enabled: false`. */
      readonly disabled: boolean
      readonly file: string
      /** The agents the manifest does schedule (enabled), sorted. */
      readonly scheduled: readonly string[]
      readonly suggestion?: string
    }
  | { readonly kind: 'budget-too-small'; readonly maxBytes: number; readonly minimumBytes: number }
  | { readonly kind: 'token-budget-too-small'; readonly maxTokens: number; readonly minimumTokens: number }
  | { readonly kind: 'secrets-found'; readonly findings: readonly SecretFinding[] }
  | ContractViolation

/** A prepared bundle: the object and exactly the text to print (`bundle.bytes` is its UTF-8 size). */
export type PrepareResult =
  | { readonly ok: true; readonly bundle: PreparedBundle; readonly text: string }
  | { readonly ok: false; readonly failure: PrepareFailure }

const fail = (failure: PrepareFailure): PrepareResult => ({ ok: false, failure })

/**
 * Extra bytes read past the budget so the scanner sees a secret whole even when the
 * budget's edge falls inside it (a 4096-bit PEM key is about 3.3 kB): a secret that
 * starts within what can be printed ends within what was read, and is redacted.
 */
export const SCAN_MARGIN = 16 * 1024

/** Scans every text that can reach the bundle and replaces each secret by its marker. */
async function redactParts(parts: GatheredParts): Promise<{ parts: GatheredParts; findings: SecretFinding[] }> {
  const findings: SecretFinding[] = []
  const redact = async (part: GatheredPart): Promise<GatheredPart> => {
    if (!part.file) return part
    const scanned = await redactSecrets(part.file.path, part.file.text)
    if (scanned.findings.length === 0) return part
    findings.push(...scanned.findings)
    // Sizes from here on are of the redacted text, so a marker is never mistaken for an unread tail.
    const shrink = utf8Length(part.file.text) - utf8Length(scanned.text)
    return { ...part, file: { ...part.file, text: scanned.text, size: part.file.size - shrink } }
  }
  // The metrics log is not quoted (only numbers from valid records are), so it is not scanned.
  const prompt = await redact(parts.prompt)
  const memory = await redact(parts.memory)
  const analysis = await redact(parts.analysis)
  const pointers: GatheredPart[] = []
  for (const pointer of parts.pointers) pointers.push(await redact(pointer))
  return { parts: { ...parts, prompt, memory, analysis, pointers }, findings }
}

/**
 * Scans what the bundle quotes from the files rather than embeds: the metrics summary's
 * optimizer headline and recommendations (decoded from analysis.json), the warnings that
 * quote a malformed log line, and the gather warnings that quote a manifest's pointer.
 */
async function redactDerived(
  parts: GatheredParts,
  digest: MetricsDigest,
  manifestFile: string,
): Promise<{ parts: GatheredParts; digest: MetricsDigest; findings: SecretFinding[] }> {
  const analysisPath = parts.analysis.lookedFor[0] ?? parts.analysis.label
  const metricsPath = parts.metrics.lookedFor[0] ?? parts.metrics.label
  const { summary } = digest
  const warnings = [...digest.warnings]
  const partWarnings = [...parts.warnings]
  const recommendations = [...(summary?.recommendations ?? [])]
  let headline = summary?.optimizer_headline
  // Each value, where it came from, and where its scanned text goes.
  const into = (list: string[], i: number) => (text: string) => {
    list[i] = text
  }
  const setHeadline = (text: string) => {
    headline = text
  }
  const slots = [
    ...warnings.map((text, i) => ({ path: metricsPath, text, put: into(warnings, i) })),
    ...partWarnings.map((text, i) => ({ path: manifestFile, text, put: into(partWarnings, i) })),
    ...(headline === undefined ? [] : [{ path: analysisPath, text: headline, put: setHeadline }]),
    ...recommendations.map((text, i) => ({ path: analysisPath, text, put: into(recommendations, i) })),
  ]
  const { texts, findings } = await redactDerivedTexts(slots)
  if (findings.length === 0) return { parts, digest, findings }
  for (const [i, slot] of slots.entries()) slot.put(texts[i] ?? slot.text)
  const cleanSummary = summary && {
    ...summary,
    ...(headline === undefined ? {} : { optimizer_headline: headline }),
    ...(summary.recommendations === undefined ? {} : { recommendations }),
  }
  return {
    parts: { ...parts, warnings: partWarnings },
    digest: { warnings, ...(cleanSummary ? { summary: cleanSummary } : {}) },
    findings,
  }
}

/** RFC 3339 in UTC, to the second. */
export const timestampOf = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/**
 * A budget that surely works, starting from the size of the smallest rendering under a
 * budget that was too small. That size is measured with the old budget's digits in
 * `max_bytes` and `prepare_command`, so it is re-measured under itself until it fits.
 */
function smallestBudget(minimum: number, renderWithin: (budget: number, explicit: boolean) => RenderedBundle): number {
  let budget = minimum
  for (let pass = 0; pass < 8; pass++) {
    const again = renderWithin(budget, true)
    if (again.ok) return budget
    budget = again.minimumBytes
  }
  return budget
}

/** Prepares the bundle of `request.agent` in the repo at `request.root`. */
export async function prepareBundle(request: PrepareRequest): Promise<PrepareResult> {
  const { root, format } = request
  // First, so the encoding loads (in its worker) while the repo is read and scanned.
  const countTokens = request.maxTokens !== undefined || request.tokenizer !== undefined
  const counter: TokenCounter | undefined = countTokens ? startTokenCounter(request.tokenizer) : undefined
  if (!(await isDirectory(root))) return fail({ kind: 'no-target', root })
  const read = await readRepoManifest(root)
  if (!read.ok) {
    return isMissing(read)
      ? fail({ kind: 'no-manifest', diagnostics: read.diagnostics })
      : fail({ kind: 'invalid-manifest', file: read.file, diagnostics: read.diagnostics })
  }
  const { manifest } = read
  const agent = resolveAgent(manifest, request.agent)
  if (!agent?.enabled) {
    const scheduled = resolveAgents(manifest)
      .filter((a) => a.enabled)
      .map((a) => a.agent)
    const suggestion = agent ? undefined : closestMatch(request.agent, scheduled)
    return fail({
      kind: 'not-scheduled',
      agent: request.agent,
      disabled: agent !== undefined,
      file: read.file,
      scheduled,
      ...(suggestion ? { suggestion } : {}),
    })
  }

  const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES
  const gathered = await gatherBundleParts(root, agent.agent, manifest.pointers, { textLimit: maxBytes + SCAN_MARGIN })
  const redacted = await redactParts(gathered)
  const { parts } = redacted
  const derived = await redactDerived(parts, summariseMetrics(parts, agent.agent), read.file)
  const findings = [...redacted.findings, ...derived.findings]
  if (findings.length > 0 && request.strict) return fail({ kind: 'secrets-found', findings })
  const repo = request.repo ?? repoSlugFromDirectory(root)
  const schedule = describeSchedule(agent)
  // The budget is printed in the bundle (max_bytes, prepare_command), so a draft is per budget.
  const renderWithin = (budget: number, explicit: boolean) => {
    const draft = assembleBundle(
      {
        repo,
        root,
        agent,
        preparedAt: timestampOf(request.now),
        prepareCommand: prepareCommandLine({
          agent: agent.agent,
          root,
          format,
          ...(explicit ? { maxBytes: budget } : {}),
          ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
          ...(request.tokenizer === undefined ? {} : { tokenizer: request.tokenizer }),
          ...(request.repo === undefined ? {} : { repo: request.repo }),
          ...(request.runId === undefined ? {} : { runId: request.runId }),
          ...(request.strict === true ? { strict: true } : {}),
        }),
        ...(request.runId === undefined ? {} : { runId: request.runId }),
        maxBytes: budget,
        ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
        sessionClose: sessionCloseCommands(agent.agent, request.runId === undefined ? {} : { runId: request.runId }),
      },
      derived.parts,
      derived.digest,
    )
    const withSecrets = {
      ...draft,
      redactions: findings.length,
      warnings: [...draft.warnings, ...secretWarnings(findings)],
    }
    return renderBundle(
      withSecrets,
      format,
      schedule,
      {
        maxBytes: budget,
        ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
        ...(counter ? { counter } : {}),
      },
      { oneLineJson: request.oneLineJson === true },
    )
  }
  const rendered = renderWithin(maxBytes, request.maxBytes !== undefined)
  if (!rendered.ok && rendered.minimumBytes <= maxBytes && request.maxTokens !== undefined) {
    return fail({
      kind: 'token-budget-too-small',
      maxTokens: request.maxTokens,
      minimumTokens: rendered.minimumTokens ?? request.maxTokens + 1,
    })
  }
  if (!rendered.ok) {
    return fail({
      kind: 'budget-too-small',
      maxBytes,
      minimumBytes: smallestBudget(rendered.minimumBytes, renderWithin),
    })
  }
  const { bundle, text } = rendered
  const violation = contractViolation('prepared-bundle', bundle, validatePreparedBundle)
  if (violation) return fail(violation)
  return { ok: true, bundle, text }
}
