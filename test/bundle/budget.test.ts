/**
 * The byte budget: the printed bundle never exceeds --max-bytes, the largest sections
 * are cut first and visibly, the JSON stays valid and `bytes` is its exact size.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { capBodies, fitToBudget, truncationMarker } from '../../src/bundle/budget.ts'
import { type BundleFormat, renderBundle } from '../../src/bundle/render-bundle.ts'
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

describe.each<BundleFormat>(['json', 'markdown'])('renderBundle (%s) under any budget (property)', (format) => {
  it('fits the budget exactly as printed, cuts largest first, and says how much was cut', () => {
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

        const cut = bundle.sections.filter((section, i) => {
          const original = draft.sections[i]?.body.content ?? ''
          const total = utf8Length(original)
          if (section.truncated_bytes === 0) {
            expect(section.content).toBe(original)
            return false
          }
          const marker = truncationMarker(section.truncated_bytes, total)
          expect(section.content.endsWith(marker)).toBe(true)
          const kept = section.content.slice(0, section.content.length - marker.length)
          expect(original.startsWith(kept)).toBe(true)
          expect(utf8Length(kept)).toBe(total - section.truncated_bytes)
          expect(utf8Length(kept)).toBeLessThanOrEqual(rendered.cap)
          expect(total).toBeGreaterThan(rendered.cap)
          expect(bundle.warnings).toContain(
            `${section.label}: ${section.truncated_bytes} of ${total} bytes cut to fit the byte budget`,
          )
          return true
        })
        // Largest first: one cap for every body — exactly the bodies above it are cut …
        const capped = capBodies(
          draft.sections.map((s) => s.body),
          rendered.cap,
        )
        expect(capped.map((b) => [b.content, b.truncatedBytes])).toEqual(
          bundle.sections.map((s) => [s.content, s.truncated_bytes]),
        )
        // … and nothing is cut when the whole bundle would have fitted.
        if (cut.length > 0) expect(unboundedSize()).toBeGreaterThan(maxBytes)
      }),
      { numRuns: 150 },
    )
  })
})
