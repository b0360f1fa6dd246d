/**
 * Valid manifests load to exactly the data they spell: block and flow style,
 * legitimate anchors, aliases and merge keys, comments, quoting, directives — each also
 * with CRLF line ends and with a UTF-8 BOM.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import { parseManifest } from '../../src/manifest/parse.ts'
import { readManifestFile } from '../../src/manifest/read.ts'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'valid')

const weeklyMorning = { cadence: 'weekly', day: 'mon', time: '08:00' } as const

const CASES: Readonly<Record<string, ScheduleManifest>> = {
  'minimal.yml': { version: 1, agents: { coach: { cadence: 'daily' } } },
  'full.yml': {
    version: 1,
    timezone: 'Europe/Berlin',
    agents: {
      coach: { cadence: 'weekly', day: 'mon', time: '09:00', enabled: true },
      optimization: { cadence: 'weekly', day: 'sun', time: '23:59' },
      retro: { cadence: 'monthly', day: 28, enabled: false },
      'nightly-check': { cadence: 'daily', time: '00:00' },
    },
    pointers: { scope: 'docs/SCOPE.md', todo: 'TODO.md', 'adr-index': 'docs/adr/README.md' },
  },
  'flow-style.yml': {
    version: 1,
    timezone: 'UTC',
    agents: { coach: { cadence: 'weekly', day: 'tue', time: '08:30' }, retro: { cadence: 'monthly', day: 15 } },
    pointers: { scope: 'SCOPE.md' },
  },
  'anchors.yml': {
    version: 1,
    agents: {
      coach: weeklyMorning,
      optimization: weeklyMorning,
      retro: { ...weeklyMorning, day: 'fri', enabled: false },
    },
  },
  'comments.yml': {
    version: 1,
    timezone: 'America/New_York',
    agents: { coach: { cadence: 'weekly', day: 'mon', time: '07:45' }, optimization: { cadence: 'weekly' } },
  },
}

const VARIANTS: Readonly<Record<string, (text: string) => Uint8Array>> = {
  'as written': (text) => new TextEncoder().encode(text),
  'with CRLF line ends': (text) => new TextEncoder().encode(text.replaceAll('\n', '\r\n')),
  'with a UTF-8 BOM': (text) => Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]),
  'with a BOM and CRLF': (text) =>
    Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text.replaceAll('\n', '\r\n'))]),
}

describe.each(Object.entries(CASES))('%s', (name, expected) => {
  it.each(Object.keys(VARIANTS))('loads %s', async (variant) => {
    const text = await readFile(join(FIXTURES, name), 'utf8')
    const result = parseManifest(VARIANTS[variant]?.(text) ?? new Uint8Array(), name)
    expect(result.ok ? [] : result.diagnostics).toEqual([])
    expect(result.ok && result.manifest).toEqual(expected)
  })

  it('loads from disk', async () => {
    const result = await readManifestFile(join(FIXTURES, name), name)
    expect(result.ok && result.manifest).toEqual(expected)
  })
})

describe('legitimate aliasing stays within the alias bound', () => {
  it('accepts 40 agents sharing one anchored schedule', () => {
    const others = Array.from({ length: 39 }, (_, i) => `  agent-${i}: *shared`).join('\n')
    const text = `version: 1\nagents:\n  first: &shared {cadence: weekly, day: tue}\n${others}\n`
    const result = parseManifest(new TextEncoder().encode(text), 'm.yml')
    expect(result.ok ? [] : result.diagnostics).toEqual([])
    expect(result.ok && Object.values(result.manifest.agents)).toEqual(
      Array.from({ length: 40 }, () => ({ cadence: 'weekly', day: 'tue' })),
    )
  })
})
