/**
 * Where `prepare` looks for each part of a bundle, relative to the repo root (SPEC §4).
 * These are the only files it reads, besides the manifest and the manifest's pointers.
 */

/** Candidate paths of an agent's prompt, first match wins. */
export const agentPromptPaths = (agent: string): readonly string[] => [
  `.kaizen/agents/${agent}.md`,
  `.claude/agents/${agent}.md`,
]

/** Path of an agent's memory file. */
export const memoryPath = (agent: string): string => `.kaizen/memory/${agent}.md`

/** Path of an agent's execution records (one JSON line per session). */
export const metricsPath = (agent: string): string => `.kaizen/metrics/${agent}.jsonl`

/** Path of the optimizer's latest analysis. */
export const OPTIMIZER_ANALYSIS_PATH = '.kaizen/metrics/optimizer/analysis.json'

/** Pointers bundled when the manifest declares none: label → path, bundled when present. */
export const DEFAULT_POINTERS: Readonly<Record<string, string>> = { scope: 'SCOPE.md', todo: 'TODO.md' }
