/**
 * Property-based tests: whatever the input, loading returns a verdict and never
 * throws, and every diagnostic is well-formed and inside the file. Manifests are drawn
 * from an arbitrary built on the contract's own constants, so the generator follows
 * the contract when it changes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { CADENCES, LAST_MONTH_DAY, SLUG_PATTERN, TIMEZONE_PATTERN, WEEKDAYS } from '../../contracts/constants.ts'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import { TIMEZONES } from '../../contracts/timezones.ts'
import { type ManifestResult, parseManifest, parseManifestText } from '../../src/manifest/parse.ts'
import { validatorFor } from '../../src/schema/validators.ts'

const validateReport = validatorFor('validation-report')
const slug = fc.stringMatching(new RegExp(SLUG_PATTERN))
const timeOfDay = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
const timezone = fc.constantFrom(...TIMEZONES)
const pathSegment = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,11}$/)
const relativePath = fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'))

const common = { time: timeOfDay, enabled: fc.boolean() }
const agentSchedule = fc.oneof(
  fc.record({ cadence: fc.constant('daily' as const), ...common }, { requiredKeys: ['cadence'] }),
  fc.record(
    { cadence: fc.constant('weekly' as const), day: fc.constantFrom(...WEEKDAYS), ...common },
    { requiredKeys: ['cadence'] },
  ),
  fc.record(
    { cadence: fc.constant('monthly' as const), day: fc.integer({ min: 1, max: LAST_MONTH_DAY }), ...common },
    { requiredKeys: ['cadence'] },
  ),
)

/** Any valid manifest the contract allows. */
const manifest: fc.Arbitrary<ScheduleManifest> = fc.record(
  {
    version: fc.constant(1 as const),
    timezone,
    agents: fc.dictionary(slug, agentSchedule, { minKeys: 1, maxKeys: 6 }),
    pointers: fc.dictionary(slug, relativePath, { maxKeys: 4 }),
  },
  { requiredKeys: ['version', 'agents'] },
)

/** The ways a manifest may be written down; all are the same data. */
const render = fc.constantFrom(
  (m: ScheduleManifest) => stringify(m),
  (m: ScheduleManifest) => stringify(m, { collectionStyle: 'flow' }),
  (m: ScheduleManifest) => JSON.stringify(m, null, 2),
  (m: ScheduleManifest) => `# comment\r\n${stringify(m).replaceAll('\n', '\r\n')}`,
)

/** Every result is a verdict whose report matches the validation-report contract, located inside the text. */
function expectWellFormed(result: ManifestResult, text: string): void {
  const report = { file: result.file, valid: result.ok, diagnostics: result.ok ? [] : [...result.diagnostics] }
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true)
  if (result.ok) return
  expect(result.diagnostics.length).toBeGreaterThan(0)
  const lines = text.split('\n').length
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1)
    expect(d.line).toBeLessThanOrEqual(lines)
    expect(d.column).toBeGreaterThanOrEqual(1)
    expect(d.message).not.toMatch(/undefined|\[object Object\]/)
  }
}

describe('valid manifests drawn from the contract', () => {
  it('every zone this runtime knows matches the contract pattern', () => {
    const pattern = new RegExp(TIMEZONE_PATTERN, 'u')
    expect(Intl.supportedValuesOf('timeZone').filter((zone) => !pattern.test(zone))).toEqual([])
  })

  it('load, in any style, to exactly the data written', () => {
    fc.assert(
      fc.property(manifest, render, (m, write) => {
        const result = parseManifestText(write(m), 'm.yml')
        expect(result.ok ? [] : result.diagnostics).toEqual([])
        expect(result.ok && result.manifest).toEqual(m)
      }),
      { numRuns: 300 },
    )
  })
})

/** Breaks a valid manifest in one of the ways people do. */
const mutation = fc.oneof(
  fc.tuple(fc.constant('unknown top-level key'), slug).map(([, key]) => (m: ScheduleManifest) => ({
    ...m,
    [`${key}-x`]: 1,
  })),
  fc.tuple(fc.constant('bad cadence'), fc.string()).map(([, cadence]) => (m: ScheduleManifest) => {
    const [name = 'coach', entry] = Object.entries(m.agents)[0] ?? []
    return (CADENCES as readonly string[]).includes(cadence)
      ? { ...m, version: 2 }
      : { ...m, agents: { ...m.agents, [name]: { ...entry, cadence } } }
  }),
  fc.tuple(fc.constant('bad agent name'), fc.string({ minLength: 1 })).map(
    ([, name]) =>
      (m: ScheduleManifest) =>
        new RegExp(SLUG_PATTERN).test(name)
          ? { ...m, agents: {} }
          : { ...m, agents: { ...m.agents, [name]: { cadence: 'daily' } } },
  ),
  fc.tuple(fc.constant('bad day'), fc.oneof(fc.integer(), fc.string())).map(([, day]) => (m: ScheduleManifest) => ({
    ...m,
    agents: { ...m.agents, zz: { cadence: 'daily', day } },
  })),
  fc.tuple(fc.constant('escaping pointer'), relativePath).map(([, path]) => (m: ScheduleManifest) => ({
    ...m,
    pointers: { ...m.pointers, up: `../${path}` },
  })),
  fc.constant((m: ScheduleManifest) => ({ agents: m.agents })),
)

describe('broken manifests', () => {
  it('are rejected with well-formed, located diagnostics', () => {
    fc.assert(
      fc.property(manifest, mutation, render, (m, breakIt, write) => {
        const text = write(breakIt(m) as ScheduleManifest)
        const result = parseManifestText(text, 'm.yml')
        expect(result.ok).toBe(false)
        expectWellFormed(result, text)
      }),
      { numRuns: 300 },
    )
  })
})

const YAMLISH = [...'[]{}:-?&*!|>\'"#%@`,.\n\n  \t\r\u00a0\ufeffab01 version agents cadence: weekly &a *a <<']

describe('arbitrary input never throws', () => {
  it('random bytes get a verdict', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        expectWellFormed(parseManifest(bytes, 'm.yml'), new TextDecoder().decode(bytes))
      }),
      { numRuns: 400 },
    )
  })

  it('random YAML-like text gets a verdict', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...YAMLISH), maxLength: 400 }), (text) => {
        expectWellFormed(parseManifestText(text, 'm.yml'), text)
      }),
      { numRuns: 1000 },
    )
  })

  it('random Unicode text gets a verdict', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expectWellFormed(parseManifest(new TextEncoder().encode(text), 'm.yml'), text)
      }),
      { numRuns: 300 },
    )
  })
})
