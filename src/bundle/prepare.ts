/**
 * `prepare` as one call, the stages in order:
 * manifest (read, resolve the agent) → gather (contained reads) → assemble (metrics
 * summary, sections) → budget + render (markdown | json) → validate against the
 * prepared-bundle contract. Expected failures come back as values; the CLI words them.
 */
import { stat } from 'node:fs/promises'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import validatePreparedBundle from '../../generated/validators/prepared-bundle.ts'
import { prepareCommandLine, sessionCloseCommands } from '../commands/command-lines.ts'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { closestMatch } from '../manifest/closest.ts'
import { isMissing, readRepoManifest } from '../manifest/read.ts'
import { resolveAgent, resolveAgents } from '../manifest/resolve.ts'
import { validationErrors } from '../schema/validation-errors.ts'
import { assembleBundle } from './assemble.ts'
import { gatherBundleParts } from './gather.ts'
import { type BundleFormat, type RenderedBundle, renderBundle } from './render-bundle.ts'
import { repoSlugFromDirectory } from './repo-slug.ts'
import { describeSchedule } from './schedule-text.ts'

export type { BundleFormat }

/** The byte budget when `--max-bytes` is not given: 64 KiB, a comfortable share of an LLM context. */
export const DEFAULT_MAX_BYTES = 64 * 1024

/** What to prepare. */
export interface PrepareRequest {
  /** Absolute path of the repo checkout. */
  readonly root: string
  readonly agent: string
  readonly format: BundleFormat
  /** The byte budget as given; absent means DEFAULT_MAX_BYTES (and stays out of `prepare_command`). */
  readonly maxBytes?: number
  /** The state-hub slug, when known; otherwise the directory name is used. */
  readonly repo?: string
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
  | { readonly kind: 'contract-violation'; readonly errors: readonly string[] }

/** A prepared bundle: the object and exactly the text to print (`bundle.bytes` is its UTF-8 size). */
export type PrepareResult =
  | { readonly ok: true; readonly bundle: PreparedBundle; readonly text: string }
  | { readonly ok: false; readonly failure: PrepareFailure }

const fail = (failure: PrepareFailure): PrepareResult => ({ ok: false, failure })

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
  const parts = await gatherBundleParts(root, agent.agent, manifest.pointers, { textLimit: maxBytes })
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
          ...(request.repo === undefined ? {} : { repo: request.repo }),
        }),
        maxBytes: budget,
        sessionClose: sessionCloseCommands(agent.agent),
      },
      parts,
    )
    return renderBundle(draft, format, schedule, budget)
  }
  const rendered = renderWithin(maxBytes, request.maxBytes !== undefined)
  if (!rendered.ok) {
    return fail({
      kind: 'budget-too-small',
      maxBytes,
      minimumBytes: smallestBudget(rendered.minimumBytes, renderWithin),
    })
  }
  const { bundle, text } = rendered
  const errors = validationErrors(validatePreparedBundle, bundle)
  if (errors.length > 0) {
    return fail({
      kind: 'contract-violation',
      errors: errors.map((e) => `${e.instancePath || '(bundle)'} ${e.message ?? 'is invalid'}`),
    })
  }
  return { ok: true, bundle, text }
}
