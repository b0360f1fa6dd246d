/** Synthetic drafts for the pure bundle stages: gathered parts built in memory, no disk. */
import { assembleBundle, type BundleDraft } from '../../src/bundle/assemble.ts'
import type { GatheredPart, GatheredParts, SectionKind } from '../../src/bundle/gather.ts'
import { utf8Length } from '../../src/bundle/utf8.ts'
import type { ResolvedAgent } from '../../src/manifest/resolve.ts'

/** The coach, weekly on Monday at 09:00 Berlin time. */
export const COACH: ResolvedAgent = {
  agent: 'coach',
  cadence: 'weekly',
  day: 'mon',
  time: '09:00',
  effectiveDay: 'mon',
  effectiveTime: '09:00',
  timezone: 'Europe/Berlin',
  hasTimezone: true,
  enabled: true,
}

/** A part read from `path` holding `text` (or missing when `text` is undefined). */
export function part(kind: SectionKind, label: string, path: string, text?: string): GatheredPart {
  if (text === undefined) return { kind, label, lookedFor: [path] }
  const size = utf8Length(text)
  return { kind, label, lookedFor: [path], file: { status: 'found', path, text, size, omittedBytes: 0 } }
}

/** Texts of the parts; undefined = missing. */
export interface DraftTexts {
  readonly prompt?: string | undefined
  readonly memory?: string | undefined
  readonly metrics?: string | undefined
  readonly analysis?: string | undefined
  readonly pointers?: Readonly<Record<string, string | undefined>> | undefined
}

/** Assembles a draft for the coach from in-memory texts. */
export function draftOf(texts: DraftTexts, warnings: readonly string[] = []): BundleDraft {
  const parts: GatheredParts = {
    prompt: part('agent_prompt', 'agent-prompt', '.kaizen/agents/coach.md', texts.prompt),
    memory: part('memory', 'memory', '.kaizen/memory/coach.md', texts.memory),
    metrics: part('metrics', 'metrics', '.kaizen/metrics/coach.jsonl', texts.metrics),
    analysis: part(
      'optimizer_analysis',
      'optimizer-analysis',
      '.kaizen/metrics/optimizer/analysis.json',
      texts.analysis,
    ),
    pointers: Object.entries(texts.pointers ?? {}).map(([label, text]) => part('pointer', label, `${label}.md`, text)),
    warnings,
  }
  return assembleBundle(
    {
      repo: 'acme-service',
      root: '/srv/acme-service',
      agent: COACH,
      preparedAt: '2026-06-17T09:00:12Z',
      prepareCommand: 'kaizen-agentic schedule prepare coach --target /srv/acme-service',
      maxBytes: 65536,
      sessionClose: ['kaizen-agentic metrics record coach --success --time <s> --quality <0-1>'],
    },
    parts,
  )
}
