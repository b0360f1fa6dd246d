/** The event built from a bundle: the seed's shape, flags composed from the bundle, valid in Ajv and Python. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { prepareBundle } from '../../src/bundle/prepare.ts'
import { type EventBundleFormat as BundleFormat, buildPreparedEvent } from '../../src/event/build-event.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { findPythonWithJsonschema, mustRunExternalTools, validateWithPython } from '../helpers/python.ts'

const EXAMPLE = join(PROJECT_ROOT, 'examples/acme-service')
const SEED = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'contracts/examples/schedule-prepared-event/valid/seed-example.json'), 'utf8'),
) as Record<string, unknown> & { bundle: Record<string, unknown> }
const NOW = new Date('2026-06-17T09:00:12Z')
const python = findPythonWithJsonschema()

const bundles = new Map<BundleFormat, { bundle: PreparedBundle; text: string }>()
beforeAll(async () => {
  for (const format of ['markdown', 'json'] as const) {
    const result = await prepareBundle({ root: EXAMPLE, agent: 'coach', format, now: NOW })
    if (!result.ok) throw new Error(`prepare failed: ${JSON.stringify(result.failure)}`)
    bundles.set(format, result)
  }
})

const eventFor = (format: BundleFormat) => {
  const prepared = bundles.get(format)
  if (!prepared) throw new Error('no bundle')
  const built = buildPreparedEvent(prepared.bundle, format)
  if (!built.ok) throw new Error(built.error.problems.join('; '))
  return { ...prepared, event: built.event }
}

describe.each<BundleFormat>(['markdown', 'json'])('buildPreparedEvent (%s bundle)', (format) => {
  it('has exactly the keys of the seed example, at both levels', () => {
    const { event } = eventFor(format)
    expect(Object.keys(event).sort()).toEqual(Object.keys(SEED).sort())
    expect(Object.keys(event.bundle).sort()).toEqual(Object.keys(SEED.bundle).sort())
  })

  it('mirrors the bundle: flags, bytes, command, time', () => {
    const { event, bundle, text } = eventFor(format)
    expect(event).toEqual({
      event: 'kaizen.schedule.prepared',
      version: '1',
      occurred_at: bundle.prepared_at,
      repo: 'acme-service',
      root: EXAMPLE,
      agent: 'coach',
      cadence: 'weekly',
      prepare_command: bundle.prepare_command,
      bundle: {
        format,
        agent_prompt_found: true,
        has_memory: true,
        has_metrics: true,
        pointers: ['scope', 'todo'],
        bytes: Buffer.byteLength(text, 'utf8'),
      },
      session_close: bundle.session_close,
    })
  })

  it('carries no file contents and no secrets', () => {
    const { event, bundle } = eventFor(format)
    const payload = JSON.stringify(event)
    for (const section of bundle.sections.filter((s) => s.content.length > 20)) {
      expect(payload).not.toContain(section.content.slice(0, 20))
    }
    expect(payload).not.toContain('acme-fake-secret')
    expect(payload).not.toContain('sk_test_acme_fake')
  })
})

describe('the event and the JSON bundle against the published schemas', () => {
  it('validate with Ajv', () => {
    const validateEvent = validatorFor('schedule-prepared-event')
    const validateBundle = validatorFor('prepared-bundle')
    for (const format of ['markdown', 'json'] as const) {
      expect(validateEvent(eventFor(format).event), JSON.stringify(validateEvent.errors)).toBe(true)
    }
    expect(validateBundle(JSON.parse(eventFor('json').text)), JSON.stringify(validateBundle.errors)).toBe(true)
  })

  it.skipIf(!python && !mustRunExternalTools())('validate with Python jsonschema', () => {
    if (!python) throw new Error('python3 with jsonschema is required under CI=true')
    const schema = (name: string) => join(PROJECT_ROOT, `generated/schemas/${name}.schema.json`)
    const verdicts = validateWithPython(python, [
      { id: 'event-markdown', schema: schema('schedule-prepared-event'), instance: eventFor('markdown').event },
      { id: 'event-json', schema: schema('schedule-prepared-event'), instance: eventFor('json').event },
      { id: 'bundle-json', schema: schema('prepared-bundle'), instance: JSON.parse(eventFor('json').text) },
      // A control: Python must be able to say no.
      {
        id: 'broken',
        schema: schema('schedule-prepared-event'),
        instance: { ...eventFor('json').event, version: '2' },
      },
    ])
    expect(Object.fromEntries([...verdicts].map(([id, v]) => [id, v.valid]))).toEqual({
      'event-markdown': true,
      'event-json': true,
      'bundle-json': true,
      broken: false,
    })
  })
})

describe('buildPreparedEvent on a bundle that breaks the contract', () => {
  it('refuses to build the event and says why', () => {
    const { bundle } = eventFor('json')
    const built = buildPreparedEvent({ ...bundle, repo: 'not a slug', bytes: -1 }, 'json')
    expect(built.ok).toBe(false)
    expect(!built.ok && built.error).toEqual({
      kind: 'contract-violation',
      contract: 'schedule-prepared-event',
      problems: expect.arrayContaining([
        '/repo must be a repo slug (letters, digits, ".", "_" and "-", starting with a letter or digit), got the string "not a slug"',
        '/bundle/bytes must be >= 0, got number -1',
      ]),
    })
  })
})
