/**
 * docs/cli.md carries a flag reference generated from the commander program: this fails
 * when a flag is added, removed or reworded without `npx tsx scripts/cli-docs.ts`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDevCaptured } from '../helpers/cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kaizen-cli-docs-'))
  await mkdir(join(scratch, 'docs'))
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('the generated flag reference of docs/cli.md', () => {
  it('is in sync with the program', async () => {
    const run = await runDevCaptured(['cli-docs', '--check'])
    expect(run).toEqual({ code: 0, stdout: 'docs/cli.md is up to date\n', stderr: '' })
  })

  it('documents every flag of validate, with its words', async () => {
    const text = await readFile(join(PROJECT_ROOT, 'docs/cli.md'), 'utf8')
    expect(text).toContain('| `--strict` | treat warnings as errors (exit 1) |  |')
    expect(text).toContain('kaizen-agentic schedule validate [options] [inputs...]')
  })

  it('--check on a drifted copy: exit 1, the error on stderr, nothing written; without it, rewritten', async () => {
    const original = await readFile(join(PROJECT_ROOT, 'docs/cli.md'), 'utf8')
    const drifted = original.replace('treat warnings as errors (exit 1)', 'an old description')
    await writeFile(join(scratch, 'docs/cli.md'), drifted)
    const check = await runDevCaptured(['cli-docs', '--check', '--root', scratch])
    expect(check.code).toBe(1)
    expect(check.stdout).toBe('')
    expect(check.stderr).toBe('error: docs/cli.md is out of date; run npx tsx scripts/cli-docs.ts\n')
    expect(await readFile(join(scratch, 'docs/cli.md'), 'utf8')).toBe(drifted)
    const write = await runDevCaptured(['cli-docs', '--root', scratch])
    expect(write).toEqual({ code: 0, stdout: 'wrote docs/cli.md\n', stderr: '' })
    expect(await readFile(join(scratch, 'docs/cli.md'), 'utf8')).toBe(original)
  })

  it('a docs/cli.md without the markers: exit 1', async () => {
    await writeFile(join(scratch, 'docs/cli.md'), '# no markers\n')
    const run = await runDevCaptured(['cli-docs', '--check', '--root', scratch])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('has no generated flag reference markers')
  })
})
