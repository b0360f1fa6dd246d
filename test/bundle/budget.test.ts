/**
 * The byte budget: the printed bundle never exceeds --max-bytes, the largest sections
 * are cut first and visibly, the JSON stays valid and `bytes` is its exact size.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { CUT_ORDER } from '../../src/bundle/assemble.ts'
import { capBodies, fitToBudget, leadingCutMarker, truncationMarker } from '../../src/bundle/budget.ts'
import type { BundleFormat } from '../../src/bundle/bundle-options.ts'
import { renderBundle } from '../../src/bundle/render-bundle.ts'
import { startTokenCounter, type TokenCounter } from '../../src/bundle/tokenizer.ts'
import { utf8Length } from '../../src/bundle/utf8.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { draftOf } from './draft-fixtures.ts'

const SCHEDULE = 'weekly on Monday at 09:00 (Europe/Berlin)'
/** Renders bodies one per line, so the size is the bodies plus a few newlines. */
const lines = (bodies: readonly { content: string }[]) => bodies.map((b) => b.content).join('\n')
const body = (content: string) => ({ content, totalBytes: utf8Length(content) })

describe('fitToBudget', () => {
  it('leaves every body whole when the rendering fits', () => {
    const fitted = fitToBudget([body('abc'), body('de')], 6, lines)
    expect(fitted).toEqual({
      ok: true,
      bodies: [
        { content: 'abc', truncatedBytes: 0 },
        { content: 'de', truncatedBytes: 0 },
      ],
      text: 'abc\nde',
      cap: 3,
    })
  })

  it('cuts the largest body first and marks how much was cut', () => {
    const big = 'x'.repeat(2000)
    const small = 'y'.repeat(100)
    const marker = truncationMarker(1, 2000).length
    const fitted = fitToBudget([body(small), body(big)], 100 + 1 + 1000 + marker, lines)
    if (!fitted.ok) throw new Error('expected a fit')
    expect(fitted.bodies[0]).toEqual({ content: small, truncatedBytes: 0 })
    const cut = fitted.bodies[1]
    expect(cut?.truncatedBytes).toBeGreaterThan(900)
    expect(cut?.content).toMatch(/^x+\n\n\[… truncated: \d+ of 2000 bytes cut/)
    expect(cut?.content.endsWith(truncationMarker(cut?.truncatedBytes ?? 0, 2000))).toBe(true)
    expect(utf8Length(fitted.text)).toBeLessThanOrEqual(100 + 1 + 1000 + marker)
  })

  it('never splits a multi-byte character', () => {
    const fitted = fitToBudget([body('€'.repeat(100))], 150, lines)
    if (!fitted.ok) throw new Error('expected a fit')
    const kept = fitted.bodies[0]?.content.split('\n\n[…')[0] ?? ''
    expect(kept).toMatch(/^€+$/)
    expect(fitted.bodies[0]?.truncatedBytes).toBe(300 - utf8Length(kept))
  })

  it('marks a body whose tail was never read, even when what was read fits', () => {
    const fitted = fitToBudget([{ content: 'head', totalBytes: 5_000_000 }], 1000, lines)
    expect(fitted.ok && fitted.bodies[0]).toEqual({
      content: `head${truncationMarker(4_999_996, 5_000_000)}`,
      truncatedBytes: 4_999_996,
    })
  })

  it('leaves a body whole when the marker would be longer than what it cuts', () => {
    // Room for the small body, a newline, the marker and 2 bytes of the big one: the cap ends below 8.
    const budget = 8 + 1 + utf8Length(truncationMarker(4998, 5000)) + 2
    const fitted = fitToBudget([body('tinytiny'), body('z'.repeat(5000))], budget, lines)
    if (!fitted.ok) throw new Error('expected a fit')
    expect(fitted.cap).toBeLessThan(8)
    expect(fitted.bodies).toEqual([
      { content: 'tinytiny', truncatedBytes: 0 },
      { content: `zz${truncationMarker(4998, 5000)}`, truncatedBytes: 4998 },
    ])
  })

  it('reports the smallest possible size when even empty bodies do not fit', () => {
    const long = body('x'.repeat(500))
    const fitted = fitToBudget([long], 10, (bodies) => `header-${lines(bodies)}`)
    const minimum = utf8Length(`header-${truncationMarker(500, 500)}`)
    expect(fitted).toEqual({ ok: false, minimumBytes: minimum })
    expect(fitToBudget([long], minimum, (b) => `header-${lines(b)}`).ok).toBe(true)
  })
})

/** Text with the characters JSON must escape and multi-byte ones. */
const awkwardText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'b', ' ', '-') },
    { weight: 1, arbitrary: fc.constantFrom('"', '\\', '\n', '\t', '\u0001', 'é', '€', '😀', '`') },
  ),
  maxLength: 6000,
  size: 'large',
})

const texts = fc.record({
  prompt: fc.option(awkwardText, { nil: undefined }),
  memory: fc.option(awkwardText, { nil: undefined }),
  analysis: fc.option(awkwardText, { nil: undefined }),
  pointers: fc.dictionary(fc.constantFrom('scope', 'todo', 'runbook'), fc.option(awkwardText, { nil: undefined })),
})

/** An absolute budget, or a share of what the whole bundle would take (so cutting is common). */
const budget = fc.oneof(
  fc.integer({ min: 0, max: 20_000 }).map((bytes) => ({ bytes })),
  fc.double({ min: 0.2, max: 1.05, noNaN: true }).map((share) => ({ share })),
)

/** Kept text of a fitted section: its content without the marker. */
function keptOf(content: string, cut: number, total: number, keep: 'head' | 'tail' | undefined): string {
  if (cut === 0) return content
  return keep === 'tail'
    ? content.slice(leadingCutMarker(cut, total).length)
    : content.slice(0, content.length - truncationMarker(cut, total).length)
}

describe.each<BundleFormat>(['json', 'markdown', 'xml'])(
  'renderBundle (%s) under any byte budget (property)',
  (format) => {
    it('fits the budget exactly as printed, cuts by priority (pointers … prompt last), and marks every cut', () => {
      const validate = validatorFor('prepared-bundle')
      fc.assert(
        fc.property(texts, budget, (t, b) => {
          const draft = draftOf(t)
          const unboundedSize = () => {
            const r = renderBundle(draft, format, SCHEDULE, Number.MAX_SAFE_INTEGER)
            return r.ok ? utf8Length(r.text) : 0
          }
          const maxBytes = 'bytes' in b ? b.bytes : Math.floor(unboundedSize() * b.share)
          const rendered = renderBundle(draft, format, SCHEDULE, maxBytes)
          if (!rendered.ok) {
            expect(rendered.minimumBytes).toBeGreaterThan(maxBytes)
            expect(renderBundle(draft, format, SCHEDULE, rendered.minimumBytes).ok).toBe(true)
            return
          }
          const { bundle, text } = rendered
          const size = utf8Length(text)
          expect(size).toBeLessThanOrEqual(maxBytes)
          expect(bundle.bytes).toBe(size)
          if (format === 'json') expect(JSON.parse(text)).toEqual(bundle)
          expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true)

          const bodies = draft.sections.map((s) => s.body)
          const cutTiers = bundle.sections.flatMap((section, i) => {
            const body = bodies[i] as (typeof bodies)[number]
            const total = utf8Length(body.content)
            if (section.truncated_bytes === 0) {
              expect(section.content).toBe(body.content)
              return []
            }
            const kept = keptOf(section.content, section.truncated_bytes, total, body.keep)
            if (body.keep === 'tail') expect(body.content.endsWith(kept)).toBe(true)
            else expect(body.content.startsWith(kept)).toBe(true)
            expect(utf8Length(kept)).toBe(total - section.truncated_bytes)
            const from = body.keep === 'tail' ? 'from the start (oldest first)' : 'from the end'
            expect(bundle.warnings).toContain(
              `${section.label}: ${section.truncated_bytes} of ${total} bytes cut ${from} to fit the budget`,
            )
            expect(bundle.cuts).toContainEqual({
              section: section.label,
              path: section.path,
              from: body.keep === 'tail' ? 'start' : 'end',
              cut_bytes: section.truncated_bytes,
              total_bytes: total,
            })
            return [body.tier ?? 0]
          })
          expect(bundle.cuts?.length).toBe(cutTiers.length)
          // Priority: every tier below the highest one cut is cut to nothing; every tier above it is whole.
          const top = Math.max(-1, ...cutTiers)
          bundle.sections.forEach((section, i) => {
            const body = bodies[i] as (typeof bodies)[number]
            const tier = body.tier ?? 0
            if (tier < top) expect(section.content).toBe(capBodies([body], 0)[0]?.content)
            if (tier > top) expect(section.truncated_bytes).toBe(0)
          })
          // The prompt is cut only when everything else is already gone.
          const prompt = bundle.sections.find((s) => s.kind === 'agent_prompt')
          if (prompt && prompt.truncated_bytes > 0) expect(top).toBe(CUT_ORDER.agent_prompt)
          // … and nothing is cut when the whole bundle would have fitted.
          if (cutTiers.length > 0) expect(unboundedSize()).toBeGreaterThan(maxBytes)
        }),
        { numRuns: 120 },
      )
    })
  },
)

describe('the cut order', () => {
  it('cuts pointers, then the analysis, then memory (its oldest part), then metrics, and the prompt last', () => {
    const line = (what: string, n: number) => Array.from({ length: n }, (_, i) => `${what} ${i}\n`).join('')
    const parts = {
      prompt: line('prompt', 200),
      memory: line('memory', 200),
      analysis: line('analysis', 200),
      todo: line('todo', 200),
    }
    const draft = draftOf({ ...parts, metrics: '', pointers: { todo: parts.todo } })
    const whole = renderBundle(draft, 'markdown', SCHEDULE, 10_000_000)
    if (!whole.ok) throw new Error('expected a rendering')
    const size = utf8Length(whole.text)
    const len = (text: string) => utf8Length(text)
    const cutAt = (maxBytes: number) => {
      const r = renderBundle(draft, 'markdown', SCHEDULE, maxBytes)
      if (!r.ok) throw new Error('expected a rendering')
      return { r, cut: Object.fromEntries(r.bundle.sections.map((s) => [s.label, s.truncated_bytes > 0])) }
    }
    let over = len(parts.todo) / 2
    expect(cutAt(size - over).cut).toMatchObject({
      todo: true,
      'optimizer-analysis': false,
      memory: false,
      'agent-prompt': false,
    })
    over = len(parts.todo) + len(parts.analysis) / 2
    expect(cutAt(size - over).cut).toMatchObject({
      todo: true,
      'optimizer-analysis': true,
      memory: false,
      'agent-prompt': false,
    })
    over = len(parts.todo) + len(parts.analysis) + len(parts.memory) / 2
    const tight = cutAt(size - over)
    expect(tight.cut).toMatchObject({ todo: true, 'optimizer-analysis': true, memory: true, 'agent-prompt': false })
    const memory = tight.r.bundle.sections.find((s) => s.label === 'memory')?.content ?? ''
    // Memory loses its top: the newest line survives, and the text after the marker starts on a whole line.
    expect(memory).toMatch(/^\[… truncated: the first \d+ of \d+ bytes \(the oldest part\)[^\n]*\]\n\nmemory \d+\n/)
    expect(memory.endsWith('memory 199\n')).toBe(true)
    over = len(parts.todo) + len(parts.analysis) + len(parts.memory) + len(parts.prompt) / 2
    const last = cutAt(size - over)
    expect(last.cut).toMatchObject({ 'agent-prompt': true })
    // The prompt keeps its head, whole lines, and says where it was cut.
    const prompt = last.r.bundle.sections.find((s) => s.label === 'agent-prompt')?.content ?? ''
    expect(prompt).toMatch(
      /^prompt 0\nprompt 1\n[\s\S]*\nprompt \d+\n\n\n\[… truncated: \d+ of \d+ bytes cut to fit the budget/,
    )
  })
})

describe('the token budget (property)', () => {
  let counter: TokenCounter
  let recount: (text: string) => number
  beforeAll(async () => {
    counter = startTokenCounter('o200k_base')
    // Recounted independently: the library's own entry point, special tokens as text.
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base')
    recount = (text) => countTokens(text, { disallowedSpecial: new Set() })
  })

  const smallTexts = fc.record({
    prompt: fc.option(
      awkwardText.map((x) => x.slice(0, 1500)),
      { nil: undefined },
    ),
    memory: fc.option(
      awkwardText.map((x) => x.slice(0, 1500)),
      { nil: undefined },
    ),
    pointers: fc.dictionary(
      fc.constantFrom('scope', 'todo'),
      fc.option(
        awkwardText.map((x) => x.slice(0, 1500)),
        { nil: undefined },
      ),
    ),
  })

  it.each<BundleFormat>(['markdown', 'json', 'xml'])(
    '%s: bytes ≤ --max-bytes and tokens ≤ --max-tokens, both exact',
    (format) => {
      fc.assert(
        fc.property(
          smallTexts,
          fc.integer({ min: 200, max: 3000 }),
          fc.integer({ min: 2000, max: 20_000 }),
          (t, maxTokens, maxBytes) => {
            const draft = draftOf(t)
            const rendered = renderBundle(draft, format, SCHEDULE, { maxBytes, maxTokens, counter })
            if (!rendered.ok) {
              expect(rendered.minimumBytes > maxBytes || (rendered.minimumTokens ?? 0) > maxTokens).toBe(true)
              return
            }
            const { bundle, text } = rendered
            expect(utf8Length(text)).toBeLessThanOrEqual(maxBytes)
            const tokens = recount(text)
            expect(tokens).toBeLessThanOrEqual(maxTokens)
            expect(bundle.tokens).toBe(tokens)
            expect(bundle.bytes).toBe(utf8Length(text))
            expect(bundle.tokenizer).toBe('o200k_base')
            if (format === 'json') expect(JSON.parse(text)).toEqual(bundle)
            // The prompt is whole whenever the others could absorb the cut.
            const prompt = bundle.sections.find((s) => s.kind === 'agent_prompt')
            if (prompt && prompt.truncated_bytes > 0) {
              for (const s of bundle.sections) {
                if (s.kind === 'agent_prompt' || !s.found) continue
                const body = draft.sections.find((d) => d.section.label === s.label)?.body
                if (body) expect(s.content).toBe(capBodies([body], 0)[0]?.content)
              }
            }
          },
        ),
        { numRuns: 25 },
      )
    },
  )
})
