/**
 * Nothing lost through the writers: `prepare --emit` never replaces a symlink, a FIFO,
 * a device or a file that is not a previous event (unless --force, and then only a
 * regular file); it writes through pipes like a shell redirect. `init` creates
 * exclusively (one winner among racing processes) and keeps every backup.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chmod, lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { bundledCli } from '../helpers/bundled-cli.ts'
import { runCliCaptured, runRacers } from '../helpers/cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { snapshotTree } from '../helpers/temp-project.ts'
import { MANIFEST, makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const NOW = '2026-06-17T09:00:12Z'

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

const scratch = async () => {
  repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, '.kaizen/agents/coach.md': 'You are the coach.\n' })
  return repo.root
}
const prepare = (root: string, ...args: string[]) =>
  runCliCaptured(['schedule', 'prepare', 'coach', '--target', root, ...args], { cwd: root, env: { KAIZEN_NOW: NOW } })

/**
 * Runs the bundled binary (test/setup/bundle-cli.ts) as a subprocess: node itself, no
 * wrapper process holding descriptor 3. `extraFd` adds a pipe as descriptor 3 (what
 * `>(cat)` hands a command).
 */
function runBin(
  args: readonly string[],
  options: { cwd: string; extraFd?: boolean } = { cwd: PROJECT_ROOT },
): Promise<{ code: number | null; stdout: string; stderr: string; fd3: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundledCli().bin, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', KAIZEN_NOW: NOW },
      stdio: ['ignore', 'pipe', 'pipe', ...(options.extraFd ? (['pipe'] as const) : [])],
    })
    let stdout = ''
    let stderr = ''
    let fd3 = ''
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const extra = child.stdio[3]
    if (extra && 'setEncoding' in extra) extra.setEncoding('utf8').on('data', (c: string) => (fd3 += c))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr, fd3 }))
  })
}

describe('prepare --emit FILE never loses data', () => {
  it("refuses the repo's own manifest (not a previous event), exit 1, the manifest untouched", async () => {
    const root = await scratch()
    const before = await snapshotTree(root)
    const run = await prepare(root, '--emit', '.kaizen/schedule.yml')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      `error: --emit: cannot write ${join(root, '.kaizen/schedule.yml')}: it exists and is not a previous output of this command; not overwriting it (use --force to replace it)\n`,
    )
    expect(await snapshotTree(root)).toEqual(before)
  })

  it('replaces a previous event file, and with --force a foreign regular file', async () => {
    const root = await scratch()
    expect((await prepare(root, '--emit', 'event.json')).code).toBe(0)
    const first = JSON.parse(await readFile(join(root, 'event.json'), 'utf8')) as SchedulePreparedEvent
    expect(first.event).toBe('kaizen.schedule.prepared')
    expect((await prepare(root, '--emit', 'event.json')).code).toBe(0)
    await writeFile(join(root, 'notes.txt'), 'mine\n')
    expect((await prepare(root, '--emit', 'notes.txt')).code).toBe(1)
    expect(await readFile(join(root, 'notes.txt'), 'utf8')).toBe('mine\n')
    expect((await prepare(root, '--emit', 'notes.txt', '--force')).code).toBe(0)
    expect(JSON.parse(await readFile(join(root, 'notes.txt'), 'utf8'))).toMatchObject({
      event: 'kaizen.schedule.prepared',
    })
  })

  it('refuses a symlink (even with --force) and a read-only file, leaving both as they were', async () => {
    const root = await scratch()
    await writeFile(join(root, 'target.json'), '{"keep": true}\n')
    await symlink(join(root, 'target.json'), join(root, 'link.json'))
    for (const args of [
      ['--emit', 'link.json'],
      ['--emit', 'link.json', '--force'],
    ]) {
      const run = await prepare(root, ...args)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('it is a symlink; refusing to replace or follow it')
    }
    expect((await lstat(join(root, 'link.json'))).isSymbolicLink()).toBe(true)
    expect(await readlink(join(root, 'link.json'))).toBe(join(root, 'target.json'))
    expect(await readFile(join(root, 'target.json'), 'utf8')).toBe('{"keep": true}\n')
    await writeFile(join(root, 'ro.json'), '{"event": "kaizen.schedule.prepared"}\n')
    await chmod(join(root, 'ro.json'), 0o444)
    const ro = await prepare(root, '--emit', 'ro.json')
    expect(ro.code).toBe(1)
    expect(ro.stderr).toContain('it is read-only (use --force to replace it)')
    expect(await readFile(join(root, 'ro.json'), 'utf8')).toBe('{"event": "kaizen.schedule.prepared"}\n')
  })

  it('a FIFO with no reader is an error at once (no wait, not replaced); with a reader it is written through', async () => {
    const root = await scratch()
    const fifo = join(root, 'events.fifo')
    execFileSync('mkfifo', [fifo])
    const lonely = await prepare(root, '--emit', fifo)
    expect(lonely.code).toBe(1)
    expect(lonely.stderr).toBe(`error: --emit: cannot write ${fifo}: it is a FIFO with no reader\n`)
    expect((await lstat(fifo)).isFIFO()).toBe(true)
    const reader = spawn('cat', [fifo])
    let received = ''
    reader.stdout.setEncoding('utf8').on('data', (c: string) => (received += c))
    const closed = new Promise((resolve) => reader.on('close', resolve))
    // Wait until cat has the FIFO open for reading, then emit into it.
    let run = await prepare(root, '--emit', fifo)
    for (let i = 0; run.code !== 0 && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 10))
      run = await prepare(root, '--emit', fifo)
    }
    expect(run.code).toBe(0)
    await closed
    expect(JSON.parse(received)).toMatchObject({ event: 'kaizen.schedule.prepared', agent: 'coach' })
    expect((await lstat(fifo)).isFIFO()).toBe(true)
  })

  it('a character device is written through, never replaced (/dev/null stays a device)', async () => {
    const root = await scratch()
    const run = await prepare(root, '--emit', '/dev/null')
    expect(run.code).toBe(0)
    expect((await lstat('/dev/null')).isCharacterDevice()).toBe(true)
  })

  it('--emit /dev/stdout and --emit /dev/fd/3 (what >(cat) passes) write to the pipe', async () => {
    const root = await scratch()
    const out = await runBin(['schedule', 'prepare', 'coach', '--target', root, '--emit', '/dev/stdout'], { cwd: root })
    expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 0, stderr: '' })
    expect(out.stdout).toContain('"event": "kaizen.schedule.prepared"')
    expect(out.stdout).toContain('# Kaizen bundle: coach')
    const fd = await runBin(['schedule', 'prepare', 'coach', '--target', root, '--emit', '/dev/fd/3'], {
      cwd: root,
      extraFd: true,
    })
    expect({ code: fd.code, stderr: fd.stderr }).toEqual({ code: 0, stderr: '' })
    expect(JSON.parse(fd.fd3)).toMatchObject({ event: 'kaizen.schedule.prepared' })
    expect(fd.stdout).not.toContain('"event"')
  })
})

describe('init never loses a manifest', () => {
  it('init --force twice keeps the hand-written original in .bak and the first scaffold in .bak.1', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': '# hand-written original\nversion: 1\nagents: {}\n' })
    const root = repo.root
    const init = () => runCliCaptured(['schedule', 'init', '--target', root, '--force'])
    const first = await init()
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('the previous manifest is kept as .kaizen/schedule.yml.bak')
    const scaffold = await readFile(join(repo.root, '.kaizen/schedule.yml'), 'utf8')
    const second = await init()
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('the previous manifest is kept as .kaizen/schedule.yml.bak.1')
    expect(await readFile(join(repo.root, '.kaizen/schedule.yml.bak'), 'utf8')).toBe(
      '# hand-written original\nversion: 1\nagents: {}\n',
    )
    expect(await readFile(join(repo.root, '.kaizen/schedule.yml.bak.1'), 'utf8')).toBe(scaffold)
    expect((await readdir(join(repo.root, '.kaizen'))).sort()).toEqual([
      'schedule.yml',
      'schedule.yml.bak',
      'schedule.yml.bak.1',
    ])
  })

  it('four inits racing on a fresh repo (four processes released together): exactly one wins, the others say it exists', async () => {
    repo = await makeRepo()
    const root = repo.root
    // Released together after loading, four processes contend on two cores; ten (as before) only added start-ups.
    const runs = (
      await runRacers(4, 1, (i) => ['schedule', 'init', '--target', root, '--agents', `agent-${i}`], root)
    ).flat()
    expect(runs).toHaveLength(4)
    const winners = runs.filter((r) => r.code === 0)
    expect(winners).toHaveLength(1)
    for (const loser of runs.filter((r) => r.code !== 0)) {
      expect(loser.code).toBe(1)
      expect(loser.stderr).toMatch(/^error: \.kaizen\/schedule\.yml (already exists|was created) in /)
    }
    const winner = /agents: (agent-\d)/.exec(winners[0]?.stdout ?? '')?.[1]
    expect(await readFile(join(root, '.kaizen/schedule.yml'), 'utf8')).toContain(`  ${winner}:`)
    expect(await readdir(join(root, '.kaizen'))).toEqual(['schedule.yml'])
  }, 180_000)

  it('says in words when .kaizen is a file, and writes nothing', async () => {
    repo = await makeRepo({ '.kaizen': 'not a directory\n' })
    const before = await snapshotTree(repo.root)
    const run = await runCliCaptured(['schedule', 'init', '--target', repo.root])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `error: cannot write .kaizen/schedule.yml in ${repo.root}: .kaizen exists and is a file, not a directory\n`,
    )
    expect(await snapshotTree(repo.root)).toEqual(before)
  })

  it('--target FILE: "is a file, not a directory"', async () => {
    repo = await makeRepo({ 'file.txt': 'x\n' })
    const target = join(repo.root, 'file.txt')
    const run = await runCliCaptured(['schedule', 'init', '--target', target])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`error: target ${target} is a file, not a directory\n`)
    await mkdir(join(repo.root, 'empty'))
    expect(await readdir(join(repo.root, 'empty'))).toEqual([])
  })
})
