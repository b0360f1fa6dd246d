/**
 * The fast path of loading (src/manifest/plain-yaml.ts) may decline anything, but what
 * it reads must be exactly what the positioned loader reads, and nothing the loader
 * rejects or warns about (duplicate keys, aliases, tags, several documents) may pass it.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { parseManifestText } from '../../src/manifest/parse.ts'
import { parsePlainYaml } from '../../src/manifest/plain-yaml.ts'
import { parseYamlSource } from '../../src/manifest/yaml-source.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

/** What the positioned loader makes of `text`: its data, or undefined when it reports any problem. */
function loaderData(text: string): unknown {
  const parsed = parseYamlSource(text, 'm.yml')
  return parsed.ok && parsed.diagnostics.length === 0 ? parsed.source.data : undefined
}

async function fixtures(dir: string): Promise<[string, string][]> {
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort()
  return Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as [string, string]))
}

const FIXTURES = join(PROJECT_ROOT, 'test/manifest/fixtures')
const valid = await fixtures(join(FIXTURES, 'valid'))
const invalid = await fixtures(join(FIXTURES, 'invalid'))
const examples = await fixtures(join(PROJECT_ROOT, 'contracts/examples/schedule-manifest/valid'))

describe('on the fixture corpus', () => {
  it.each([...valid, ...invalid, ...examples])('%s: declined, or read exactly as the loader reads it', (_, text) => {
    const fast = parsePlainYaml(text)
    if (fast !== undefined) expect(fast).toEqual(loaderData(text))
  })

  it('reads the plain manifests (the common case it exists for)', () => {
    const full = valid.find(([name]) => name === 'full.yml')?.[1] ?? ''
    expect(parsePlainYaml(full)).toEqual(loaderData(full))
    expect(parsePlainYaml('version: 1\nagents:\n  coach:\n    cadence: weekly  # every Monday\n')).toEqual({
      version: 1,
      agents: { coach: { cadence: 'weekly' } },
    })
  })

  it.each([
    'duplicate-key.yml',
    'duplicate-agent.yml',
    'alias-bomb.yml',
    'undefined-alias.yml',
    'unknown-tag.yml',
    'multi-document.yml',
    'tab-indent.yml',
    'malformed-flow.yml',
    'agents-empty-value.yml',
  ])('declines %s, so the loader reports it with its position', (name) => {
    const text = invalid.find(([file]) => file === name)?.[1]
    expect(text).toBeDefined()
    expect(parsePlainYaml(text ?? '')).toBeUndefined()
  })

  it('still reports a duplicate key, located, through parseManifestText', () => {
    const result = parseManifestText(
      'version: 1\nagents:\n  coach:\n    cadence: weekly\n  coach:\n    cadence: daily\n',
      'm.yml',
    )
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.diagnostics.map((d) => [d.line, d.column, d.keyword])).toContainEqual([5, 3, 'duplicate-key'])
    }
  })

  it('gives a plain manifest with a day-per-cadence problem its position (the schema if/then; positions come from the loader then)', () => {
    const result = parseManifestText('version: 1\nagents:\n  coach:\n    cadence: daily\n    day: mon\n', 'm.yml')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.diagnostics.map((d) => [d.line, d.keyword])).toEqual([[5, 'if']])
  })
})

describe('on generated near-YAML (property)', () => {
  // Keys the fast path may read, often (so duplicates are common); keys it must decline, now and then.
  const keys = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('version', 'agents', 'coach', 'cadence', 'day', 'a_b', 'on') },
    { weight: 1, arbitrary: fc.constantFrom('True', 'null', '~', '<<', '1', 'x y', '"q"', '__proto__') },
  )
  const trickyValues = fc.constantFrom(
    '',
    ' ',
    '1',
    '0',
    '09',
    '007',
    '-1',
    '+1',
    '1.5',
    '1e3',
    '0x1F',
    '0o7',
    '.inf',
    '.nan',
    'true',
    'True',
    'false',
    'FALSE',
    'null',
    'Null',
    '~',
    'yes',
    'no',
    'on',
    'weekly',
    'Europe/Berlin',
    'docs/SCOPE.md',
    '09:00',
    '"09:00"',
    "'09:00'",
    '"a\\"b"',
    '"a\\tb"',
    "'it''s'",
    '"x" # c',
    "'x'#c",
    '"x"y',
    'a # c',
    'a#b',
    'a: b',
    '&a x',
    '*a',
    '!t x',
    '!!str 1',
    '[1, 2]',
    '{a: 1}',
    '|',
    '>',
    '- a',
    '"unterminated',
    '@x',
    '`x`',
    '%x',
    'x\u00a0y',
    'é',
    '"é"',
    '# only a comment',
  )
  const values = fc.oneof(
    { weight: 1, arbitrary: trickyValues },
    { weight: 1, arbitrary: fc.constantFrom('1', '12', 'true', 'weekly', 'Europe/Berlin', '"09:00"', "'x'", 'a # c') },
  )
  const line = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.constantFrom(0, 2, 4, 6, 1, 3), keys, values)
        .map(([n, k, v]) => `${' '.repeat(n)}${k}:${v === '' ? '' : ` ${v}`}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '# comment',
        '  # indented comment',
        '---',
        '...',
        '- item',
        '\tkey: v',
        'key:v',
        'key :v',
        '%YAML 1.2',
        '? k',
      ),
    },
  )
  const eol = fc.constantFrom('\n', '\r\n')
  /** Random lines: mostly declined, they probe the line grammar. */
  const scattered = fc.tuple(fc.array(line, { minLength: 1, maxLength: 12 }), eol).map(([ls, e]) => ls.join(e) + e)
  /** Well-formed nesting with tricky keys and scalars: often read, they probe the scalar rules and duplicates. */
  const entry = (indent: number) =>
    fc.tuple(keys, values).map(([k, v]) => `${' '.repeat(indent)}${k}: ${v.trim() === '' ? 'x' : v}`)
  const block = fc
    .tuple(keys, fc.array(entry(2), { minLength: 1, maxLength: 4 }))
    .map(([k, inner]) => [`${k}:`, ...inner])
  const structured = fc
    .tuple(
      fc.array(
        fc.oneof(
          entry(0).map((l) => [l]),
          block,
        ),
        { minLength: 1, maxLength: 4 },
      ),
      eol,
    )
    .map(([groups, e]) => groups.flat().join(e) + e)
  const document = fc.oneof(scattered, structured)

  it('whatever it reads, the loader reads identically and without a problem', () => {
    let read = 0
    fc.assert(
      fc.property(document, (text) => {
        const fast = parsePlainYaml(text)
        if (fast === undefined) return
        read++
        const doc = parseDocument(text, { uniqueKeys: true, merge: true })
        expect([...doc.errors, ...doc.warnings]).toEqual([])
        expect(fast).toEqual(loaderData(text))
      }),
      { numRuns: 3000 },
    )
    // The generator must exercise the read path too, or the property says nothing.
    expect(read).toBeGreaterThan(50)
  })
})
