/**
 * `appendLine` on real temp dirs: it creates the metrics directories, appends in one
 * piece, repairs a torn last line by starting on a new one, and refuses — writing nothing —
 * symlinks, hard links, FIFOs and directories that lead out of the repo.
 */
import { execFileSync } from 'node:child_process'
import { link, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendLine, MAX_LINE_BYTES } from '../../src/fs/append-line.ts'
import { startSwapping } from '../helpers/swap-loop.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const FILE = '.kaizen/metrics/coach.jsonl'

let repo: TempRepo
beforeEach(async () => {
  repo = await makeRepo()
})
afterEach(async () => {
  await repo.dispose()
})

const read = (path: string) => readFile(path, 'utf8')

describe('appendLine', () => {
  it('creates .kaizen/metrics/ and the file, then appends one line per call', async () => {
    const first = await appendLine(repo.root, FILE, '{"n":1}')
    const second = await appendLine(repo.root, FILE, '{"n":2}')
    expect(first).toMatchObject({ ok: true, bytes: 8, repairedTornLine: false })
    expect(second).toMatchObject({ ok: true, bytes: 8, repairedTornLine: false })
    expect(await read(join(repo.root, FILE))).toBe('{"n":1}\n{"n":2}\n')
    expect((await stat(join(repo.root, '.kaizen/metrics'))).isDirectory()).toBe(true)
  })

  it('starts on a new line when the file ends in a torn line, so the torn one stays separate', async () => {
    await repo.write(FILE, '{"n":1}\n{"n":2,"tor')
    const outcome = await appendLine(repo.root, FILE, '{"n":3}')
    expect(outcome).toMatchObject({ ok: true, repairedTornLine: true, bytes: 9 })
    expect((await read(join(repo.root, FILE))).split('\n')).toEqual(['{"n":1}', '{"n":2,"tor', '{"n":3}', ''])
  })

  it('follows a directory symlink that stays inside the repo', async () => {
    await mkdir(join(repo.root, 'state/metrics'), { recursive: true })
    await mkdir(join(repo.root, '.kaizen'))
    await repo.link('.kaizen/metrics', '../state/metrics')
    expect(await appendLine(repo.root, FILE, '{"n":1}')).toMatchObject({ ok: true })
    expect(await read(join(repo.root, 'state/metrics/coach.jsonl'))).toBe('{"n":1}\n')
  })

  const refusals: [string, (r: TempRepo) => Promise<string>, RegExp][] = [
    [
      'the file is a symlink out of the repo',
      async (r) => {
        await writeFile(join(r.base, 'victim.txt'), 'precious\n')
        await r.link(FILE, join(r.base, 'victim.txt'))
        return join(r.base, 'victim.txt')
      },
      /^\.kaizen\/metrics\/coach\.jsonl is a symlink; records are never written through a link$/,
    ],
    [
      'the metrics directory is a symlink out of the repo',
      async (r) => {
        await mkdir(join(r.base, 'elsewhere'))
        await writeFile(join(r.base, 'elsewhere/coach.jsonl'), 'precious\n')
        await mkdir(join(r.root, '.kaizen'))
        await r.link('.kaizen/metrics', join(r.base, 'elsewhere'))
        return join(r.base, 'elsewhere/coach.jsonl')
      },
      /^\.kaizen\/metrics resolves outside the repo \(through a symlink\)$/,
    ],
    [
      'the file is a hard link',
      async (r) => {
        await writeFile(join(r.base, 'victim.txt'), 'precious\n')
        await mkdir(join(r.root, '.kaizen/metrics'), { recursive: true })
        await link(join(r.base, 'victim.txt'), join(r.root, FILE))
        return join(r.base, 'victim.txt')
      },
      /hard links; records are never written through a link$/,
    ],
    [
      'the file is a FIFO',
      async (r) => {
        await mkdir(join(r.root, '.kaizen/metrics'), { recursive: true })
        execFileSync('mkfifo', [join(r.root, FILE)])
        return ''
      },
      /is not a regular file$/,
    ],
    [
      '.kaizen is a file',
      async (r) => {
        await r.write('.kaizen', 'not a directory\n')
        return join(r.root, '.kaizen')
      },
      /^\.kaizen is not a directory$/,
    ],
  ]

  it.each(refusals)('refuses when %s, and writes nothing', async (_name, arrange, reason) => {
    const victim = await arrange(repo)
    const before = victim === '' ? '' : await read(victim)
    const outcome = await appendLine(repo.root, FILE, '{"n":1}')
    expect(outcome.ok).toBe(false)
    expect(outcome.ok ? '' : outcome.reason).toMatch(reason)
    if (victim !== '') expect(await read(victim)).toBe(before)
  })

  it('refuses a line with a line break or over the size bound before creating anything', async () => {
    expect(await appendLine(repo.root, FILE, '{"a":1}\n{"b":2}')).toEqual({
      ok: false,
      reason: 'the line holds a line break',
    })
    const long = `"${'x'.repeat(MAX_LINE_BYTES)}"`
    expect(await appendLine(repo.root, FILE, long)).toEqual({
      ok: false,
      reason: `the line is ${MAX_LINE_BYTES + 2} bytes; at most ${MAX_LINE_BYTES - 2} are appended in one piece`,
    })
    await expect(stat(join(repo.root, '.kaizen'))).rejects.toThrow(/ENOENT/)
  })

  it('refuses a path that climbs out', async () => {
    expect(await appendLine(repo.root, '../outside.jsonl', '{}')).toEqual({
      ok: false,
      reason: '../outside.jsonl is not a plain repo-relative path',
    })
  })
})

describe('appendLine under a directory-swap race (renameat2 RENAME_EXCHANGE)', () => {
  it('never writes outside while .kaizen/metrics is exchanged with a symlink to an outside directory', async () => {
    const outside = join(repo.base, 'outside')
    await mkdir(outside)
    const victim = join(outside, 'coach.jsonl')
    await writeFile(victim, '{"pre":"outside"}\n')
    await mkdir(join(repo.root, '.kaizen', 'metrics'), { recursive: true })
    await symlink(outside, join(repo.root, '.kaizen', 'metrics-swap'))
    const swapper = await startSwapping(
      join(repo.root, '.kaizen', 'metrics'),
      join(repo.root, '.kaizen', 'metrics-swap'),
    )
    const outcomes = { ok: 0, refused: 0 }
    try {
      // A fixed count, not a duration (no timed tests).
      for (let i = 0; i < 1500; i++) {
        const outcome = await appendLine(repo.root, FILE, `{"i":${i}}`)
        outcomes[outcome.ok ? 'ok' : 'refused']++
      }
    } finally {
      expect(await swapper.stop()).toBeGreaterThan(0)
    }
    expect(await read(victim)).toBe('{"pre":"outside"}\n')
    // The race was real: some appends landed inside, and some were caught.
    expect(outcomes.ok).toBeGreaterThan(0)
    expect(outcomes.refused).toBeGreaterThan(0)
  })
})
