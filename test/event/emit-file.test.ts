/** `--emit FILE`: pretty JSON written atomically; a bad place is an error that leaves nothing behind. */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { writeEventFile } from '../../src/event/emit-file.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const EVENT = JSON.parse(
  await readFile(join(PROJECT_ROOT, 'contracts/examples/schedule-prepared-event/valid/seed-example.json'), 'utf8'),
) as SchedulePreparedEvent

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kaizen-emit-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('writeEventFile', () => {
  it('writes the event as pretty JSON with a final newline, and no temp file remains', async () => {
    const path = join(dir, 'event.json')
    expect(await writeEventFile(path, EVENT)).toEqual({ ok: true })
    expect(await readFile(path, 'utf8')).toBe(`${JSON.stringify(EVENT, null, 2)}\n`)
    expect(await readdir(dir)).toEqual(['event.json'])
  })

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'event.json')
    await writeEventFile(path, { ...EVENT, agent: 'optimization' })
    await writeEventFile(path, EVENT)
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(EVENT)
  })

  it('refuses a missing directory without creating it', async () => {
    const path = join(dir, 'missing', 'deeper', 'event.json')
    expect(await writeEventFile(path, EVENT)).toEqual({
      ok: false,
      message: `cannot write ${path}: directory ${join(dir, 'missing', 'deeper')} does not exist`,
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses a path that is a directory, leaving it as it was', async () => {
    await mkdir(join(dir, 'event.json'))
    expect(await writeEventFile(join(dir, 'event.json'), EVENT)).toEqual({
      ok: false,
      message: `cannot write ${join(dir, 'event.json')}: it is a directory`,
    })
    expect(await readdir(join(dir, 'event.json'))).toEqual([])
    expect(await readdir(dir)).toEqual(['event.json'])
  })
})
