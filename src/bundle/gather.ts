/**
 * Stage 1 of `prepare`: read the parts of a bundle from their default locations
 * (SPEC §4) and the manifest's pointers — and nothing else. Every read goes through
 * `readRepoFile`, so a refused path counts as missing and leaves a warning.
 */
import type { SECTION_KINDS } from '../../contracts/prepared-bundle.ts'
import { agentPromptPaths, DEFAULT_POINTERS, memoryPath, metricsPath, OPTIMIZER_ANALYSIS_PATH } from './locations.ts'
import { type RepoFile, readRepoFile } from './read-repo-file.ts'

/** What a section holds. */
export type SectionKind = (typeof SECTION_KINDS)[number]

/** A file that was found and read. */
export type FoundFile = Extract<RepoFile, { status: 'found' }>

/** One part of the bundle as gathered from disk. */
export interface GatheredPart {
  readonly kind: SectionKind
  readonly label: string
  /** Where the part was looked for, in order; the first one is reported when nothing was found. */
  readonly lookedFor: readonly string[]
  /** The file that was read, when one was. */
  readonly file?: FoundFile
}

/** Every part of the bundle, and what the operator should know about reading them. */
export interface GatheredParts {
  readonly prompt: GatheredPart
  readonly memory: GatheredPart
  /** The execution-record log (raw JSON lines). */
  readonly metrics: GatheredPart
  /** The optimizer's analysis (raw JSON). */
  readonly analysis: GatheredPart
  readonly pointers: readonly GatheredPart[]
  readonly warnings: readonly string[]
}

/** Options of `gatherBundleParts`. */
export interface GatherOptions {
  /** Bytes read at most from a text section; the rest could not fit the budget anyway. */
  readonly textLimit: number
  /** Bytes read at most from the execution-record log. */
  readonly metricsLimit?: number
  /** Bytes read at most from the optimizer analysis. */
  readonly analysisLimit?: number
}

/**
 * Pointers read for one bundle, at most. Each is read up to the whole budget (and
 * scanned), so a 60 kB manifest naming one large file 3,000 times cost minutes and
 * gigabytes; no bundle holds that many usefully (each would get a few bytes). The rest
 * are named in a warning, not read.
 */
export const MAX_BUNDLED_POINTERS = 100

/** Execution-record logs larger than this are summarised from their first 16 MiB. */
export const METRICS_READ_LIMIT = 16 * 1024 * 1024
/** Optimizer analyses larger than this are not parsed for a headline. */
export const ANALYSIS_READ_LIMIT = 1024 * 1024

/** Reads the first candidate that exists; refusals along the way become warnings. */
async function readFirst(
  root: string,
  what: string,
  candidates: readonly string[],
  limit: number,
  warnings: string[],
  allowNul = false,
  fromEnd = false,
): Promise<{ file?: FoundFile; refused: boolean }> {
  let refused = false
  for (const path of candidates) {
    const read = await readRepoFile(root, path, { limit, allowNul, fromEnd })
    if (read.status === 'found') return { file: read, refused }
    if (read.status === 'refused') {
      refused = true
      warnings.push(`${what}: ${path} refused — ${read.reason}; treated as missing`)
    }
  }
  return { refused }
}

/**
 * Reads an agent's prompt, memory, metrics log and optimizer analysis, and the pointers
 * (the manifest's, else SCOPE.md / TODO.md). Missing files are parts without a file.
 */
export async function gatherBundleParts(
  root: string,
  agent: string,
  manifestPointers: Readonly<Record<string, string>> | undefined,
  options: GatherOptions,
): Promise<GatheredParts> {
  const warnings: string[] = []
  const part = async (
    kind: SectionKind,
    label: string,
    lookedFor: readonly string[],
    limit: number,
    what: string,
    fromEnd = false,
  ): Promise<GatheredPart> => {
    // A JSON-lines log with a bad (NUL) line loses that line in the summary, not the whole file.
    const { file, refused } = await readFirst(root, what, lookedFor, limit, warnings, kind === 'metrics', fromEnd)
    // A pointer the manifest declares is expected to exist; the defaults are only bundled when present.
    if (!file && !refused && kind === 'pointer' && manifestPointers !== undefined) {
      warnings.push(`${what}: ${lookedFor.join(', ')} not found`)
    }
    return file ? { kind, label, lookedFor, file } : { kind, label, lookedFor }
  }
  // Sequential on purpose: warnings come out in section order, and the reads are few and small.
  const prompt = await part('agent_prompt', 'agent-prompt', agentPromptPaths(agent), options.textLimit, 'agent prompt')
  // Memory is read from its end: its oldest entries are at the top, and they are cut first.
  const memory = await part('memory', 'memory', [memoryPath(agent)], options.textLimit, 'memory', true)
  const metricsLimit = options.metricsLimit ?? METRICS_READ_LIMIT
  const metrics = await part('metrics', 'metrics', [metricsPath(agent)], metricsLimit, 'metrics')
  const analysisLimit = options.analysisLimit ?? ANALYSIS_READ_LIMIT
  const analysis = await part(
    'optimizer_analysis',
    'optimizer-analysis',
    [OPTIMIZER_ANALYSIS_PATH],
    analysisLimit,
    'optimizer analysis',
  )
  const pointers: GatheredPart[] = []
  const named = Object.entries(manifestPointers ?? DEFAULT_POINTERS)
  for (const [label, path] of named.slice(0, MAX_BUNDLED_POINTERS)) {
    pointers.push(await part('pointer', label, [path], options.textLimit, `pointer ${label}`))
  }
  if (named.length > MAX_BUNDLED_POINTERS) {
    warnings.push(
      `pointers: the manifest names ${named.length}; only the first ${MAX_BUNDLED_POINTERS} are read and bundled`,
    )
  }
  return { prompt, memory, metrics, analysis, pointers, warnings }
}
