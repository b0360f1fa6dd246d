/**
 * Containment under attack: a directory swapped for a symlink *while* reading (a real
 * renameat2(RENAME_EXCHANGE) loop in a child process), hard links, FIFOs. Whatever the
 * timing, no byte of the outside file may come back.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { link, mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readRepoFile } from '../../src/bundle/read-repo-file.ts'
import { readBounded, readContained, readContainedSync, realRootSync } from '../../src/fs/read-contained.ts'
import { readRepoManifest, readRepoManifestSync } from '../../src/manifest/read.ts'
import { PYTHON, startSwapping } from '../helpers/swap-loop.ts'
import { MANIFEST, makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const OUTSIDE = 'OUTSIDE-SECRET-0451'
/** Reads per race test: a fixed count, not a duration (no timed tests). */
const READS = 1500

let repo: TempRepo
beforeEach(async () => {
  repo = await makeRepo({ '.kaizen/memory/coach.md': 'inside memory\n' })
  await mkdir(join(repo.base, 'outside'))
  await writeFile(join(repo.base, 'outside', 'coach.md'), `${OUTSIDE}\n`)
})
afterEach(() => repo.dispose())

/** What one read of `.kaizen/memory/coach.md` saw: the inside file, the outside one, a refusal or nothing. */
type Seen = 'inside' | 'leaked' | 'refused' | 'missing'

const seenIn = (status: string, text: string): Seen =>
  status === 'found' ? (text.includes(OUTSIDE) ? 'leaked' : 'inside') : status === 'refused' ? 'refused' : 'missing'

/** Each contained reader, asynchronous and synchronous, as one read of the memory file. */
const MEMORY_READERS: readonly (readonly [string, (root: string) => Promise<Seen> | Seen])[] = [
  [
    'readRepoFile (readContained)',
    async (root) => {
      const read = await readRepoFile(root, '.kaizen/memory/coach.md')
      return seenIn(read.status, read.status === 'found' ? read.text : '')
    },
  ],
  [
    'readContainedSync',
    (root) => {
      const read = readContainedSync(root, '.kaizen/memory/coach.md', { limit: 1000 })
      return seenIn(read.status, read.status === 'found' ? Buffer.from(read.bytes).toString('utf8') : '')
    },
  ],
]

/** Both manifest readers. */
const MANIFEST_READERS = [
  ['readRepoManifest', readRepoManifest],
  ['readRepoManifestSync', readRepoManifestSync],
] as const

describe('contained reads under a directory-swap race (renameat2 RENAME_EXCHANGE)', () => {
  it('has python3 with renameat2 (required, never skipped)', () => {
    expect(existsSync(PYTHON)).toBe(true)
  })

  it.each(MEMORY_READERS)(
    '%s never returns the outside file while .kaizen/memory is exchanged with a symlink to an outside directory',
    async (_, readMemory) => {
      await symlink(join(repo.base, 'outside'), join(repo.root, '.kaizen', 'memory-swap'))
      const swapper = await startSwapping(
        join(repo.root, '.kaizen', 'memory'),
        join(repo.root, '.kaizen', 'memory-swap'),
      )
      const seen: Record<Seen, number> = { inside: 0, leaked: 0, refused: 0, missing: 0 }
      try {
        for (let i = 0; i < READS; i++) seen[await readMemory(repo.root)]++
      } finally {
        const swaps = await swapper.stop()
        expect(swaps).toBeGreaterThan(0)
      }
      expect(seen.leaked).toBe(0)
      // Reads that were let through read the inside file; the rest were refused or found nothing.
      expect(seen.inside + seen.refused + seen.missing).toBe(READS)
    },
  )

  it.each(MANIFEST_READERS)(
    '%s never loads an outside manifest while .kaizen is exchanged with a symlink to an outside directory',
    async (_, readManifest) => {
      await repo.write('.kaizen/schedule.yml', MANIFEST)
      const outside = join(repo.base, 'outside-kaizen')
      await mkdir(outside)
      await writeFile(join(outside, 'schedule.yml'), MANIFEST.replace('coach:', 'leaked-agent:'))
      await symlink(outside, join(repo.root, '.kaizen-swap'))
      const swapper = await startSwapping(join(repo.root, '.kaizen'), join(repo.root, '.kaizen-swap'))
      let leaked = 0
      try {
        for (let i = 0; i < READS / 3; i++) {
          const read = await readManifest(repo.root)
          if (read.ok && 'leaked-agent' in read.manifest.agents) leaked++
        }
      } finally {
        expect(await swapper.stop()).toBeGreaterThan(0)
      }
      expect(leaked).toBe(0)
    },
  )
})

describe('readContained', () => {
  it('refuses a hard-linked file (its other name may be outside), naming the cause', async () => {
    await link(join(repo.base, 'outside', 'coach.md'), join(repo.root, 'linked.md'))
    const read = await readContained(repo.root, 'linked.md', { limit: 1000 })
    expect(read).toEqual({
      status: 'refused',
      code: 'hardlink',
      reason: 'it has 2 hard links; a hard-linked file may be a file outside the repo under another name',
    })
  })

  it('refuses a file that is a symlink leading out, and a FIFO without waiting for a writer', async () => {
    await symlink(join(repo.base, 'outside', 'coach.md'), join(repo.root, 'out.md'))
    expect((await readContained(repo.root, 'out.md', { limit: 10 })).status).toBe('refused')
    execFileSync('mkfifo', [join(repo.root, 'fifo')])
    expect(await readContained(repo.root, 'fifo', { limit: 10 })).toMatchObject({
      status: 'refused',
      code: 'not-regular',
    })
  })

  it('reads at most limit + 1 bytes and reports the whole size', async () => {
    await repo.write('big.txt', 'x'.repeat(10_000))
    const read = await readContained(repo.root, 'big.txt', { limit: 100 })
    expect(read).toMatchObject({ status: 'found', size: 10_000, realRelative: 'big.txt' })
    expect(read.status === 'found' && read.bytes.length).toBe(101)
  })
})

describe('readContainedSync', () => {
  it("gives readContained's outcome, bytes and words for every kind of path", async () => {
    await repo.write('a.txt', 'alpha\n')
    await repo.write('dir/b.txt', 'beta\n')
    await repo.write('big.txt', `${'x'.repeat(5000)}END`)
    await repo.link('link-in.txt', 'a.txt')
    await repo.link('dirlink', 'dir')
    await repo.link('out.md', join(repo.base, 'outside', 'coach.md'))
    await repo.link('outdir', join(repo.base, 'outside'))
    await repo.link('loop', 'loop')
    await link(join(repo.base, 'outside', 'coach.md'), join(repo.root, 'linked.md'))
    execFileSync('mkfifo', [join(repo.root, 'fifo')])
    await symlink(repo.root, join(repo.base, 'root-link'))
    // Each case with the status both readers must give (so agreeing on a wrong answer still fails).
    const cases: readonly (readonly [root: string, path: string, status: string])[] = [
      [repo.root, 'a.txt', 'found'],
      [repo.root, 'dir/b.txt', 'found'],
      [repo.root, 'link-in.txt', 'found'],
      [repo.root, 'dirlink/b.txt', 'found'],
      [repo.root, './a.txt', 'found'],
      [repo.root, 'dir/../a.txt', 'found'],
      [repo.root, 'dir//b.txt', 'found'],
      [join(repo.base, 'root-link'), 'dir/b.txt', 'found'],
      [repo.root, 'out.md', 'refused'],
      [repo.root, 'outdir/coach.md', 'refused'],
      [repo.root, '../outside/coach.md', 'refused'],
      [repo.root, 'loop', 'refused'],
      [repo.root, 'loop/x', 'refused'],
      [repo.root, 'linked.md', 'refused'],
      [repo.root, 'fifo', 'refused'],
      [repo.root, 'dir', 'refused'],
      [repo.root, '', 'refused'],
      [repo.root, 'nope.txt', 'missing'],
      [repo.root, 'nope/x.txt', 'missing'],
      [repo.root, 'a.txt/x', 'missing'],
      [repo.root, 'a.txt/', 'missing'],
      [join(repo.base, 'no-root'), 'a.txt', 'missing'],
      // An absolute path is joined under the root like any other, so it names nothing there.
      [repo.root, join(repo.base, 'outside', 'coach.md'), 'missing'],
    ]
    for (const [root, path, status] of cases) {
      for (const options of [{ limit: 1000 }, { limit: 10, fromEnd: true }]) {
        const asynchronous = await readContained(root, path, options)
        expect({ path, options, read: readContainedSync(root, path, options) }).toEqual({
          path,
          options,
          read: asynchronous,
        })
        expect({ path, status: asynchronous.status }).toEqual({ path, status })
        // A root resolved once (realRootSync) reads the same, or answers for every read under it.
        const real = realRootSync(root)
        expect({ path, read: 'real' in real ? readContainedSync(real, path, options) : real }).toEqual({
          path,
          read: asynchronous,
        })
      }
    }
    const big = readContainedSync(repo.root, 'big.txt', { limit: 10, fromEnd: true })
    expect(big.status === 'found' && Buffer.from(big.bytes).toString()).toBe('xxxxxxxxEND')
  })
})

describe('readBounded (operator-named files)', () => {
  it('reads an empty FIFO with no writer at once (no hang) when pipes are allowed', async () => {
    const fifo = join(repo.base, 'roster.fifo')
    execFileSync('mkfifo', [fifo])
    const read = await readBounded(fifo, { limit: 100, allowPipes: true })
    expect(read).toMatchObject({ status: 'found', size: 0 })
  })
})
