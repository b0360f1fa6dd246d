/**
 * `schedule init`: writes a commented, valid manifest, never over an existing one
 * without --force (the old bytes stay intact), keeps a .bak when forced, writes nothing
 * on any refusal, and never leaves the repository.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { schemasPackageMajor } from '../../contracts/package.ts'
import { parseManifestText } from '../../src/manifest/parse.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { snapshotTree } from '../helpers/temp-project.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const OLD = '# hand-written, keep me\r\nversion: 1\nagents:\n  retro: {cadence: monthly}\n'

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

const init = (root: string, ...args: string[]) => runCliCaptured(['schedule', 'init', '--target', root, ...args])
const manifestPath = (root: string) => join(root, '.kaizen', 'schedule.yml')

describe('schedule init', () => {
  it('writes a manifest that starts with the modeline of the schema on the npm CDN', async () => {
    repo = await makeRepo()
    const run = await init(repo.root)
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('✓ wrote .kaizen/schedule.yml (agents: coach, optimization); it is valid')
    const text = await readFile(manifestPath(repo.root), 'utf8')
    expect(text.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://cdn.jsdelivr.net/npm/kaizen-agentic-schedule-contracts@${schemasPackageMajor()}/schemas/schedule-manifest.schema.json`,
    )
    expect(text).toMatch(/# IANA time zone/)
  })

  it("scaffolds the seed's times: coach Monday 09:00, optimization Monday 10:00", async () => {
    repo = await makeRepo()
    expect((await init(repo.root)).code).toBe(0)
    const loaded = parseManifestText(await readFile(manifestPath(repo.root), 'utf8'), 'm.yml')
    expect(loaded.ok && loaded.manifest.agents).toEqual({
      coach: { cadence: 'weekly', day: 'mon', time: '09:00', enabled: true },
      optimization: { cadence: 'weekly', day: 'mon', time: '10:00', enabled: true },
    })
  })

  it('round-trips: what init writes, validate accepts and list lists', async () => {
    repo = await makeRepo()
    expect((await init(repo.root, '--agents', 'coach,retro-2,coach')).code).toBe(0)
    const validate = await runCliCaptured(['schedule', 'validate', '--target', repo.root])
    // Valid, with a warning per agent: init writes no prompts (issue 14).
    expect(validate.code).toBe(0)
    expect(validate.stdout).toBe('✓ .kaizen/schedule.yml is valid (with warnings)\n')
    expect(validate.stderr).toContain("warning: agent 'retro-2' is scheduled but has no prompt")
    const loaded = parseManifestText(await readFile(manifestPath(repo.root), 'utf8'), 'm.yml')
    expect(loaded.ok && loaded.manifest).toEqual({
      version: 1,
      agents: {
        coach: { cadence: 'weekly', day: 'mon', time: '09:00', enabled: true },
        'retro-2': { cadence: 'weekly', day: 'mon', time: '09:00', enabled: true },
      },
    })
    const list = await runCliCaptured(['schedule', 'list', '--target', repo.root, '--at', '2026-06-17T12:00:00Z'])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('retro-2  weekly   mon  09:00  UTC       yes      Mon 2026-06-22 09:00 +00:00')
  })

  it('refuses to overwrite an existing manifest: exit 1, old bytes intact, nothing else written', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': OLD })
    const before = await snapshotTree(repo.root)
    const run = await init(repo.root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      `error: .kaizen/schedule.yml already exists in ${repo.root}; not overwriting it (use --force to replace it and keep a .bak copy)\n`,
    )
    expect(await snapshotTree(repo.root)).toEqual(before)
  })

  it('also treats .kaizen/schedule.yaml as an existing manifest', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yaml': OLD })
    const run = await init(repo.root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('.kaizen/schedule.yaml already exists')
    expect(await readdir(join(repo.root, '.kaizen'))).toEqual(['schedule.yaml'])
  })

  it('with --force replaces the manifest and keeps the old bytes as .bak', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': OLD })
    const run = await init(repo.root, '--force', '--agents', 'coach')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('the previous manifest is kept as .kaizen/schedule.yml.bak')
    expect(await readFile(join(repo.root, '.kaizen', 'schedule.yml.bak'), 'utf8')).toBe(OLD)
    const loaded = parseManifestText(await readFile(manifestPath(repo.root), 'utf8'), 'm.yml')
    expect(loaded.ok && Object.keys(loaded.manifest.agents)).toEqual(['coach'])
    // Atomic writes leave no temp files behind.
    expect((await readdir(join(repo.root, '.kaizen'))).sort()).toEqual(['schedule.yml', 'schedule.yml.bak'])
  })

  it('with --force replaces .kaizen/schedule.yaml in place', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yaml': OLD })
    expect((await init(repo.root, '--force')).code).toBe(0)
    expect((await readdir(join(repo.root, '.kaizen'))).sort()).toEqual(['schedule.yaml', 'schedule.yaml.bak'])
    expect(await readFile(join(repo.root, '.kaizen', 'schedule.yaml.bak'), 'utf8')).toBe(OLD)
  })

  it.each([
    [['--agents', 'Coach'], "'Coach' is not a valid agent name: use a lowercase slug"],
    [['--agents', 'coach,$(rm -rf ~)'], "'$(rm -rf ~)' is not a valid agent name"],
    [['--agents', '../../etc'], "'../../etc' is not a valid agent name"],
    [['--agents', ' , '], 'expected at least one agent name'],
    [['--agents'], "option '-a, --agents <names>' argument missing"],
  ])('rejects %j as a usage error (exit 2) and writes nothing', async (args, words) => {
    repo = await makeRepo()
    const run = await init(repo.root, ...args)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(words)
    expect(await readdir(repo.root)).toEqual([])
  })

  it('refuses a target that does not exist, and creates nothing', async () => {
    repo = await makeRepo()
    const missing = join(repo.root, 'not-there')
    const run = await init(missing)
    expect(run).toEqual({ code: 1, stdout: '', stderr: `error: target directory ${missing} does not exist\n` })
    expect(await readdir(repo.root)).toEqual([])
  })

  it('refuses, even with --force, to replace a manifest that is a symlink', async () => {
    repo = await makeRepo({ 'elsewhere.yml': OLD })
    await mkdir(join(repo.root, 'repo', '.kaizen'), { recursive: true })
    await symlink(join(repo.root, 'elsewhere.yml'), join(repo.root, 'repo', '.kaizen', 'schedule.yml'))
    const run = await init(join(repo.root, 'repo'), '--force')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('is not a regular file (a symlink or a directory); refusing to replace it')
    expect(await readFile(join(repo.root, 'elsewhere.yml'), 'utf8')).toBe(OLD)
    expect(await readdir(join(repo.root, 'repo', '.kaizen'))).toEqual(['schedule.yml'])
  })

  it('refuses to write through a .kaizen symlink that leads out of the repo', async () => {
    repo = await makeRepo()
    const outside = join(repo.root, 'outside')
    const inner = join(repo.root, 'repo')
    await mkdir(outside)
    await mkdir(inner)
    await symlink(outside, join(inner, '.kaizen'))
    const run = await init(inner)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('.kaizen in')
    expect(run.stderr).toContain('leads outside the repository; refusing to write there')
    expect(await readdir(outside)).toEqual([])
  })

  it('without --target, writes at the root of the repository it is run in, not in the subdirectory', async () => {
    repo = await makeRepo({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/app/main.py': '' })
    const run = await runCliCaptured(['schedule', 'init'], { cwd: join(repo.root, 'src', 'app') })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`✓ wrote ${manifestPath(repo.root)} (agents: coach, optimization); it is valid\n`)
    expect(parseManifestText(await readFile(manifestPath(repo.root), 'utf8'), 'x').ok).toBe(true)
    await expect(readdir(join(repo.root, 'src', 'app', '.kaizen'))).rejects.toThrow(/ENOENT/)
  })

  it('without --target, below an opted-in root: refuses (exit 1) rather than nest a second manifest', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': OLD, 'src/app/main.py': '' })
    const before = await snapshotTree(repo.root)
    const run = await runCliCaptured(['schedule', 'init'], { cwd: join(repo.root, 'src', 'app') })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('already')
    expect(await snapshotTree(repo.root)).toEqual(before)
  })

  it('creates .kaizen when the repo has none yet', async () => {
    repo = await makeRepo({ 'README.md': '# repo\n' })
    await writeFile(join(repo.root, 'TODO.md'), '- things\n')
    expect((await init(repo.root)).code).toBe(0)
    expect((await readdir(repo.root)).sort()).toEqual(['.kaizen', 'README.md', 'TODO.md'])
  })
})
