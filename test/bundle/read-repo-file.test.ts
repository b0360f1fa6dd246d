/** Contained reads: only text files inside the repo root are read; everything else is refused, not thrown. */
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readRepoFile } from '../../src/bundle/read-repo-file.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const OUTSIDE_SECRET = 'outside-secret-4711'

let repo: TempRepo
beforeEach(async () => {
  repo = await makeRepo({ 'docs/SCOPE.md': '# Scope\n', '.env': 'TOKEN=s3cr3t\n', 'notes/inside.md': 'inside\n' })
  await writeFile(join(repo.base, 'outside.md'), `${OUTSIDE_SECRET}\n`)
})
afterEach(() => repo.dispose())

const reasonOf = async (path: string): Promise<string> => {
  const read = await readRepoFile(repo.root, path)
  if (read.status !== 'refused') throw new Error(`expected a refusal for ${path}, got ${read.status}`)
  return read.reason
}

describe('readRepoFile', () => {
  it('fromEnd reads the last bytes (memory: the newest entries), starting on a character', async () => {
    await repo.write('memory.md', `old line\n${'€'.repeat(10)}new line\n`)
    // 9 + 30 + 9 = 48 bytes; the last 12 are a whole € and the last line …
    expect(await readRepoFile(repo.root, 'memory.md', { limit: 12, fromEnd: true })).toEqual({
      status: 'found',
      path: 'memory.md',
      text: '€new line\n',
      size: 48,
      omittedBytes: 36,
    })
    // … the last 11 start inside a € (3 bytes each): its two continuation bytes are skipped.
    expect(await readRepoFile(repo.root, 'memory.md', { limit: 11, fromEnd: true })).toMatchObject({
      text: 'new line\n',
      omittedBytes: 39,
    })
    expect(await readRepoFile(repo.root, 'memory.md', { limit: 100, fromEnd: true })).toMatchObject({
      text: `old line\n${'€'.repeat(10)}new line\n`,
      omittedBytes: 0,
    })
  })

  it('reads a file inside the root', async () => {
    expect(await readRepoFile(repo.root, 'docs/SCOPE.md')).toEqual({
      status: 'found',
      path: 'docs/SCOPE.md',
      text: '# Scope\n',
      size: 8,
      omittedBytes: 0,
    })
  })

  it('reports a missing file, or a path through a missing directory or a file, as missing', async () => {
    expect(await readRepoFile(repo.root, 'TODO.md')).toEqual({ status: 'missing', path: 'TODO.md' })
    expect((await readRepoFile(repo.root, 'nope/TODO.md')).status).toBe('missing')
    expect((await readRepoFile(repo.root, 'docs/SCOPE.md/x')).status).toBe('missing')
  })

  it.each([
    ['../outside.md', /climbs out with '\.\.'/],
    ['docs/../../outside.md', /climbs out/],
    ['docs/..', /climbs out/],
    ['/etc/passwd', /absolute path/],
    ['C:/Windows/win.ini', /absolute path/],
    ['', /names no file/],
  ])('refuses %j before touching the disk', async (path, reason) => {
    expect(await reasonOf(path)).toMatch(reason)
  })

  it('refuses an absolute path even when it points at a file inside the root', async () => {
    expect(await reasonOf(join(repo.root, 'docs/SCOPE.md'))).toMatch(/absolute path/)
  })

  it('refuses a symlinked file that leads outside the root', async () => {
    await repo.link('docs/escape.md', join(repo.base, 'outside.md'))
    await repo.link('docs/relative-escape.md', '../../outside.md')
    expect(await reasonOf('docs/escape.md')).toMatch(/outside the repo root/)
    expect(await reasonOf('docs/relative-escape.md')).toMatch(/outside the repo root/)
  })

  it('refuses a file reached through a symlinked directory that leads outside the root', async () => {
    await repo.link('linked', repo.base)
    expect(await reasonOf('linked/outside.md')).toMatch(/outside the repo root/)
  })

  it('follows symlinks that stay inside the root', async () => {
    await repo.link('alias.md', 'docs/SCOPE.md')
    await repo.link('more-docs', 'docs')
    expect(await readRepoFile(repo.root, 'alias.md')).toMatchObject({ status: 'found', text: '# Scope\n' })
    expect(await readRepoFile(repo.root, 'more-docs/SCOPE.md')).toMatchObject({ status: 'found', text: '# Scope\n' })
  })

  it('reads a repo whose root is itself reached through a symlink', async () => {
    await repo.link('../repo-link', repo.root)
    expect(await readRepoFile(join(repo.base, 'repo-link'), 'docs/SCOPE.md')).toMatchObject({ status: 'found' })
  })

  it('refuses secrets files, also when a harmless-looking symlink inside the repo points at one', async () => {
    await repo.link('docs/notes.md', '../.env')
    await repo.write('certs/server.pem', 'KEY\n')
    expect(await reasonOf('.env')).toMatch(/secrets file/)
    expect(await reasonOf('docs/notes.md')).toMatch(/'\.env' is a secrets file/)
    expect(await reasonOf('certs/server.pem')).toMatch(/key or certificate/)
    await repo.write('.git/config', '[credential]\n')
    expect(await reasonOf('.git/config')).toMatch(/inside \.git/)
  })

  it('refuses a symlink loop, a directory, a binary file and a FIFO (without blocking on it)', async () => {
    await repo.link('loop-a', 'loop-b')
    await repo.link('loop-b', 'loop-a')
    await writeFile(join(repo.root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))
    execFileSync('mkfifo', [join(repo.root, 'pipe')])
    expect(await reasonOf('loop-a')).toMatch(/symlink loop/)
    expect(await reasonOf('docs')).toMatch(/not a regular file/)
    expect(await reasonOf('image.png')).toMatch(/looks binary \(NUL byte at offset 8\)/)
    expect(await reasonOf('pipe')).toMatch(/not a regular file/)
  })

  it('reads at most `limit` bytes, cutting on a character boundary and counting the rest', async () => {
    // 'é' is two bytes: a limit of 4 falls inside the second one.
    await repo.write('accents.md', 'aéé-tail')
    const read = await readRepoFile(repo.root, 'accents.md', { limit: 4 })
    expect(read).toEqual({ status: 'found', path: 'accents.md', text: 'aé', size: 10, omittedBytes: 7 })
  })
})
