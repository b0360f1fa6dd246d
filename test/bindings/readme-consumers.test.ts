/**
 * The Python and Go consumers in README.md's "Consuming the schemas" section, taken from
 * the README itself and run against a real scheduled-runs example: what the README shows
 * is what works. The Python one also passes `mypy --strict`.
 */
import { spawnSync } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GO_DIR, GO_MODULE } from '../../src/codegen/go-bindings.ts'
import { PYTHON_DIR } from '../../src/codegen/python-bindings.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { GO, goEnv, MYPY, PYTHON, requireTool, shouldRun } from '../helpers/toolchains.ts'

const readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8')
const RUNS_EXAMPLE = join(PROJECT_ROOT, 'contracts/examples/scheduled-runs/valid/devbox.json')
const runs = JSON.parse(await readFile(RUNS_EXAMPLE, 'utf8')) as {
  scheduled_runs: { repo: string; agent: string }[]
}

/** The first fenced block in `lang` after `anchor`, inside the README section that starts with `heading`. */
function snippet(heading: string, anchor: string, lang: string): string {
  const start = readme.indexOf(heading)
  if (start < 0) throw new Error(`README has no "${heading}"`)
  const next = readme.slice(start + heading.length).search(/\n#{1,3} /)
  const section = readme.slice(start, next < 0 ? undefined : start + heading.length + next)
  const from = section.indexOf(anchor)
  if (from < 0) throw new Error(`README section "${heading}" has no "${anchor}"`)
  const block = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(section.slice(from))
  if (!block?.[1]) throw new Error(`README section "${heading}" has no ${lang} block`)
  return block[1]
}

const SECTION = '### Consuming the schemas'
let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kaizen-readme-'))
  await copyFile(RUNS_EXAMPLE, join(work, 'runs.json'))
})
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe.runIf(shouldRun('the README Python consumer', { python3: PYTHON, mypy: MYPY }))(
  'the README Python consumer',
  () => {
    const code = snippet(SECTION, '**Python** (`generated/python/`', 'python')

    it('is at most five lines of code, type-checks under mypy --strict and prints the agents', async () => {
      expect(code.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(5)
      await writeFile(join(work, 'consumer.py'), code)
      const env = {
        ...process.env,
        PYTHONPATH: join(PROJECT_ROOT, PYTHON_DIR),
        MYPYPATH: join(PROJECT_ROOT, PYTHON_DIR),
      }
      const mypy = spawnSync(
        requireTool('mypy', MYPY, 'mypy'),
        ['--strict', '--cache-dir', join(work, '.mypy_cache'), 'consumer.py'],
        { cwd: work, env, encoding: 'utf8' },
      )
      expect(mypy.stdout + mypy.stderr).toBe('Success: no issues found in 1 source file\n')
      const run = spawnSync(requireTool('python3', PYTHON, 'python3-jsonschema'), ['-B', 'consumer.py'], {
        cwd: work,
        env,
        encoding: 'utf8',
      })
      expect(run.stderr).toBe('')
      expect(run.stdout).toBe(`[${runs.scheduled_runs.map((r) => `'${r.agent}'`).join(', ')}]\n`)
    })
  },
)

describe.runIf(shouldRun('the README Go consumer', { go: GO }))('the README Go consumer', { timeout: 240_000 }, () => {
  const code = snippet(SECTION, '**Go** (`generated/go/`', 'go')

  it('is at most five lines of code and, inside main, prints each run', async () => {
    expect(code.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(5)
    const { env, dispose } = await goEnv()
    try {
      await writeFile(
        join(work, 'go.mod'),
        `module consumer\n\ngo 1.19\n\nrequire ${GO_MODULE} v0.0.0\n\nreplace ${GO_MODULE} => ${join(PROJECT_ROOT, GO_DIR)}\n`,
      )
      const body = code
        .trimEnd()
        .split('\n')
        .map((l) => `\t${l}`)
        .join('\n')
      await writeFile(
        join(work, 'main.go'),
        `package main\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"log"\n\t"os"\n\n\t"${GO_MODULE}"\n)\n\nfunc main() {\n${body}\n}\n`,
      )
      const run = spawnSync(requireTool('go', GO, 'golang-go'), ['run', '.'], { cwd: work, env, encoding: 'utf8' })
      expect(run.stderr).toBe('')
      expect(run.stdout).toBe(runs.scheduled_runs.map((r) => `${r.repo} ${r.agent}\n`).join(''))
    } finally {
      await dispose()
    }
  })
})
