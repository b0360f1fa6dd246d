/** Release snapshots: read with problems as values, written once, never rewritten. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONTRACTS } from '../../contracts/index.ts'
import { runGate } from '../../src/cli/dev/contracts.ts'
import { readReleases, releaseFileOf, writeReleaseFiles } from '../../src/evolution/releases.ts'
import { runDevCaptured } from '../helpers/cli.ts'
import { copyProject, snapshotTree } from '../helpers/temp-project.ts'

const releaseContracts = (root: string, args: readonly string[]) =>
  runDevCaptured(['release-contracts', ...args], { cwd: root })

let project: Awaited<ReturnType<typeof copyProject>>
beforeEach(async () => {
  project = await copyProject()
})
afterEach(async () => {
  await project.dispose()
})

const rosterRelease = () => join(project.root, releaseFileOf('roster', '1.0.0'))

/** Rewrites a committed release file in the temp copy, as a careless hand edit would. */
async function editRelease(edit: (schema: Record<string, unknown>) => void): Promise<void> {
  const schema = JSON.parse(await readFile(rosterRelease(), 'utf8'))
  edit(schema)
  await writeFile(rosterRelease(), JSON.stringify(schema, null, 2))
}

describe('readReleases', () => {
  it('reads every committed snapshot, sorted', async () => {
    const { releases, problems } = await readReleases(project.root)
    expect(problems).toEqual([])
    // Sorted by contract, then version; every contract's current version is among them.
    expect([...new Set(releases.map((r) => r.name))]).toEqual(CONTRACTS.map((c) => c.name).sort())
    for (const contract of CONTRACTS) {
      expect(
        releases.some((r) => r.name === contract.name && r.version === contract.version),
        contract.name,
      ).toBe(true)
    }
    expect(releases.every((r) => r.file === releaseFileOf(r.name, r.version))).toBe(true)
  })

  it('reports a misnamed file, broken JSON and a stray file, and still reads the rest', async () => {
    const dir = join(project.root, 'generated/releases/roster')
    const before = (await readReleases(project.root)).releases.length
    await writeFile(join(dir, 'v1.1.schema.json'), '{}')
    await writeFile(join(dir, '1.1.0.schema.json'), '{ not json')
    await writeFile(join(project.root, 'generated/releases/notes.txt'), 'hi')
    const { releases, problems } = await readReleases(project.root)
    expect(problems.map((p) => [p.file, p.message.split(':')[0]])).toEqual([
      ['generated/releases/notes.txt', 'unexpected file; snapshots live in <contract>/'],
      ['generated/releases/roster/1.1.0.schema.json', 'not valid JSON'],
      ['generated/releases/roster/v1.1.schema.json', 'not named <MAJOR.MINOR.PATCH>.schema.json'],
    ])
    expect(releases).toHaveLength(before)
    expect((await runGate(project.root)).ok).toBe(false)
  })
})

describe('writeReleaseFiles', () => {
  it('refuses to overwrite an existing release and writes nothing', async () => {
    const before = await readFile(rosterRelease(), 'utf8')
    const fresh = 'generated/releases/roster/9.9.9.schema.json'
    const result = await writeReleaseFiles(project.root, [
      { path: fresh, content: '{}' },
      { path: releaseFileOf('roster', '1.0.0'), content: '{}' },
    ])
    expect(result).toEqual({
      ok: false,
      error: 'generated/releases/roster/1.0.0.schema.json already exists; releases are never rewritten',
    })
    expect(await readFile(rosterRelease(), 'utf8')).toBe(before)
    await expect(readFile(join(project.root, fresh), 'utf8')).rejects.toThrow()
  })
})

describe('npm run release-contracts', () => {
  it('has nothing to do when every version is released', async () => {
    const before = await snapshotTree(join(project.root, 'generated'))
    const outcome = await releaseContracts(project.root, [])
    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain('already released: roster 1.0.0')
    expect(await snapshotTree(join(project.root, 'generated'))).toEqual(before)
  })

  it('writes a missing release with the release banner, byte for byte what was committed', async () => {
    const committed = await readFile(rosterRelease(), 'utf8')
    await rm(rosterRelease())
    const dry = await releaseContracts(project.root, ['--dry-run'])
    expect(dry.stdout).toContain('would release roster 1.0.0 → generated/releases/roster/1.0.0.schema.json')
    await expect(readFile(rosterRelease(), 'utf8')).rejects.toThrow()

    const outcome = await releaseContracts(project.root, [])
    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain('released roster 1.0.0 → generated/releases/roster/1.0.0.schema.json')
    expect(outcome.stdout).toContain('For CHANGELOG.md:')
    const written = await readFile(rosterRelease(), 'utf8')
    expect(written).toBe(committed)
    expect(JSON.parse(written).$comment).toMatch(
      /^Released snapshot of contracts\/roster.ts at version 1.0.0.*NEVER EDIT/,
    )
  })

  it('refuses to rewrite a release whose content differs, and writes nothing', async () => {
    await editRelease((schema) => {
      schema.description = 'edited by hand'
    })
    await rm(join(project.root, releaseFileOf('execution-record', '1.0.0')))
    const before = await snapshotTree(join(project.root, 'generated'))
    const outcome = await releaseContracts(project.root, [])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain(
      'generated/releases/roster/1.0.0.schema.json is already released with different content; released schemas are immutable: bump the version in contracts/roster.ts',
    )
    expect(await snapshotTree(join(project.root, 'generated'))).toEqual(before)
  })

  it('refuses to release a breaking change without a major bump', async () => {
    // The released roster allowed `slug` to be missing; the current one requires it: breaking for an input.
    await editRelease((schema) => {
      const items = schema.items as { required: string[] }
      items.required = items.required.filter((k) => k !== 'slug')
    })
    const outcome = await releaseContracts(project.root, [])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('refusing to release roster 1.0.0: 1 breaking change(s) without a major bump')
    expect(outcome.stderr).toContain('PROPERTY_REQUIRED_ADDED at $[*].slug')
  })

  it('rejects an unknown option as a usage error', async () => {
    const outcome = await releaseContracts(project.root, ['--force'])
    expect(outcome.code).toBe(2)
    expect(outcome.stderr).toContain("error: unknown option '--force'")
    expect(outcome.stdout).toBe('')
  })
})

describe('a release directory created on first release', () => {
  it('is created for a contract with no release yet', async () => {
    await rm(join(project.root, 'generated/releases/roster'), { recursive: true })
    await mkdir(join(project.root, 'generated/releases'), { recursive: true })
    const outcome = await releaseContracts(project.root, [])
    expect(outcome.stdout).toContain('released roster 1.0.0')
    expect(outcome.stdout).toContain('### Added\n\n- `roster` 1.0.0 (input): first release.')
  })
})
