/**
 * What `generate` promises when killed midway (issue 12): each file is written whole
 * (temp + rename), the tree is not switched at once, and `--check` lists exactly the
 * files a partial run left old; the next full run repairs them. It never replaces a
 * symlink or other non-regular file in the output tree.
 */
import { lstat, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generate } from '../../src/codegen/generate.ts'
import { copyProject } from '../helpers/temp-project.ts'

let project: Awaited<ReturnType<typeof copyProject>>
beforeEach(async () => {
  project = await copyProject()
})
afterEach(() => project.dispose())

const OLD = ['generated/schemas/roster.schema.json', 'generated/types/roster.ts']

describe('generate after a partial run', () => {
  it('--check names exactly the files left old; a full run repairs them', async () => {
    // A run killed after rewriting every file but these two left them as they were before.
    for (const path of OLD) {
      const full = join(project.root, path)
      await writeFile(full, `${await readFile(full, 'utf8')}\n// from the previous run\n`)
    }
    const check = await generate(project.root, { check: true })
    expect(check.drift).toEqual({ changed: OLD, stale: [] })
    await generate(project.root, { check: false })
    expect((await generate(project.root, { check: true })).drift).toEqual({ changed: [], stale: [] })
  })

  it('refuses to replace a symlink in the output tree (and leaves it)', async () => {
    const path = join(project.root, OLD[0] ?? '')
    await rm(path)
    await symlink(join(project.root, 'package.json'), path)
    await expect(generate(project.root, { check: false })).rejects.toThrow('is a symlink; refusing to replace it')
    expect((await lstat(path)).isSymbolicLink()).toBe(true)
  })
})
