/** Roster checking and roster files: unknown hub fields pass, bad entries are named by index, slug and field. */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkRoster, MAX_ROSTER_PROBLEMS, rosterFromText } from '../../src/discover/roster.ts'
import { MAX_ROSTER_BYTES, readRosterFile } from '../../src/discover/roster-file.ts'

const problemsOf = (data: unknown): string[] => {
  const check = checkRoster(data)
  if (check.ok) throw new Error('expected problems')
  return check.problems
}

describe('checkRoster', () => {
  it('accepts an entry with extra hub fields and keeps them out of the way', () => {
    const data = [
      {
        slug: 'svc',
        host_paths: { devbox: '/srv/svc' },
        kaizen_schedule_enabled: true,
        description: 'a hub field we do not know',
        owners: ['team-a'],
        nested: { anything: 1 },
      },
    ]
    const check = checkRoster(data)
    expect(check.ok).toBe(true)
    if (check.ok) expect(check.roster[0]?.slug).toBe('svc')
  })

  it('accepts an empty roster', () => {
    expect(checkRoster([])).toEqual({ ok: true, roster: [] })
  })

  it.each([
    [{ items: [], total: 0 }, 'got an object (keys: items, total)'],
    ['repos', 'got the string "repos"'],
    [null, 'got null'],
    [42, 'got number 42'],
  ])('a roster that is not an array: %j', (data, got) => {
    expect(problemsOf(data)).toEqual([`the roster must be a JSON array of repos (state-hub GET /repos/), ${got}`])
  })

  it('names the entry index, its slug and the field', () => {
    const problems = problemsOf([
      { slug: 'fine', host_paths: { devbox: '/srv/fine' } },
      { slug: 'svc', host_paths: { devbox: 'srv/svc' } },
      { slug: 'svc-2', host_paths: { 'ci-01.example.com': './x' } },
      { slug: 'flag', host_paths: {}, kaizen_schedule_enabled: 'no' },
      { host_paths: {} },
      { slug: 'bad slug', host_paths: {} },
      'not an object',
    ])
    expect(problems).toEqual([
      'entry 1 (slug "svc"), field host_paths.devbox: must be an absolute path, got the string "srv/svc"',
      'entry 2 (slug "svc-2"), field host_paths["ci-01.example.com"]: must be an absolute path, got the string "./x"',
      'entry 3 (slug "flag"), field kaizen_schedule_enabled: must be a boolean, got the string "no"',
      'entry 4: field slug is missing',
      'entry 5 (slug "bad slug"), field slug: must be a repo slug (letters, digits, ".", "_" and "-", starting with a letter or digit), got the string "bad slug"',
      'entry 6: must be an object, got the string "not an object"',
    ])
  })

  it('refuses host_paths that is not an object, and a missing host_paths', () => {
    expect(problemsOf([{ slug: 'a', host_paths: ['/srv/a'] }, { slug: 'b' }])).toEqual([
      'entry 0 (slug "a"), field host_paths: must be an object, got an array',
      'entry 1 (slug "b"): field host_paths is missing',
    ])
  })

  it('refuses duplicate slugs, which would schedule a repo twice', () => {
    expect(
      problemsOf([
        { slug: 'a', host_paths: {} },
        { slug: 'b', host_paths: {} },
        { slug: 'a', host_paths: { devbox: '/srv/a' } },
      ]),
    ).toEqual(['entry 2 (slug "a"): the slug is already used by entry 0; slugs must be unique'])
  })

  it(`lists at most ${MAX_ROSTER_PROBLEMS} problems and counts the rest`, () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ slug: `r${i}`, host_paths: { h: 'relative' } }))
    const problems = problemsOf(data)
    expect(problems).toHaveLength(MAX_ROSTER_PROBLEMS + 1)
    expect(problems.at(-1)).toBe('… and 10 more problems')
  })
})

describe('rosterFromText', () => {
  it('reports text that is not JSON with the parser message and how it starts', () => {
    const load = rosterFromText('<html><body>502 Bad Gateway</body></html>', 'roster file r.json')
    expect(load.ok).toBe(false)
    if (!load.ok) {
      expect(load.message).toMatch(
        /^roster file r\.json is not JSON \(.*; it starts with "<html><body>502 Bad Gateway<\/body><\/html"\)$/,
      )
      expect(load.problems).toEqual([])
    }
  })

  it('reports empty text', () => {
    const load = rosterFromText('  \n', 'roster file r.json')
    expect(!load.ok && load.message).toMatch(/is not JSON \(.*; it is empty\)$/)
  })

  it('reports JSON that is not a roster with its problems', () => {
    const load = rosterFromText('{"repos": []}', 'roster file r.json')
    expect(load).toEqual({
      ok: false,
      message: 'roster file r.json is not a valid roster:',
      problems: ['the roster must be a JSON array of repos (state-hub GET /repos/), got an object (keys: repos)'],
    })
  })
})

describe('readRosterFile', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kaizen-roster-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads a roster file', async () => {
    const file = join(dir, 'roster.json')
    await writeFile(file, JSON.stringify([{ slug: 'svc', host_paths: { devbox: '/srv/svc' }, extra: true }]))
    const load = await readRosterFile(file, 'roster.json')
    expect(load.ok && load.roster.map((r) => r.slug)).toEqual(['svc'])
  })

  it.each([
    ['a missing file', 'missing.json', 'roster file missing.json does not exist'],
    ['a directory', '.', 'roster file . is a directory, not a file'],
  ])('refuses %s', async (_what, name, message) => {
    expect(await readRosterFile(join(dir, name), name)).toEqual({ ok: false, message, problems: [] })
  })

  it('refuses bytes that are not UTF-8', async () => {
    const file = join(dir, 'latin1.json')
    await writeFile(file, Buffer.from([0x5b, 0xe9, 0x5d]))
    expect(await readRosterFile(file, 'latin1.json')).toEqual({
      ok: false,
      message: 'roster file latin1.json is not UTF-8 text',
      problems: [],
    })
  })

  it('refuses a file over the size cap without reading it whole', async () => {
    const file = join(dir, 'huge.json')
    await writeFile(file, '')
    await truncate(file, MAX_ROSTER_BYTES + 10)
    const load = await readRosterFile(file, 'huge.json')
    expect(!load.ok && load.message).toBe(
      `roster file huge.json is larger than ${MAX_ROSTER_BYTES} bytes; refusing to read it`,
    )
  })
})
