/**
 * Every example command of docs/cli.md runs (issue 14b): the lines of its ```sh blocks
 * that start with `kaizen-agentic ` are run in process, in order, from inside a temp copy
 * of examples/acme-service (a roster.json beside the manifest names that copy), and must
 * exit 0 with something on stdout. The ones that cannot run here are in SKIPPED, each
 * with its reason; a shell tail (`| jq …`, `> file`) is cut off, the command before it runs.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rosterForCheckouts } from '../../src/discover/local-roster.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { NETWORK_EXAMPLES, type SkippedExample } from '../helpers/examples.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

/** Examples that are not run, and why (matched against the whole command line). */
const SKIPPED: readonly SkippedExample[] = [
  ...NETWORK_EXAMPLES,
  { match: /\[|\(--/, reason: 'a synopsis ([optional] and (a | b) placeholders), not a runnable example' },
]

/** Examples whose stdout is empty when all is well, and why. */
const QUIET_ON_SUCCESS: readonly { readonly match: RegExp; readonly reason: string }[] = [
  { match: /--format github/, reason: 'GitHub annotations are printed only for problems; a valid manifest has none' },
]

/** The `kaizen-agentic …` lines of the ```sh blocks, continuation lines joined. */
function docExamples(markdown: string): string[] {
  const commands: string[] = []
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const joined = (block[1] ?? '').replace(/\\\n\s*/g, '')
    for (const line of joined.split('\n')) if (line.startsWith('kaizen-agentic ')) commands.push(line.trim())
  }
  return commands
}

/** Shell words of `line` (quotes removed), up to a pipe, a redirection or a comment. */
function argvOf(line: string): string[] {
  const words: string[] = []
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const bare = m[3]
    if (bare !== undefined && (bare === '|' || bare.startsWith('>') || bare.startsWith('#'))) break
    words.push(m[1] ?? m[2] ?? bare ?? '')
  }
  return words.slice(1) // without `kaizen-agentic`
}

const markdown = await readFile(join(PROJECT_ROOT, 'docs', 'cli.md'), 'utf8')
const examples = docExamples(markdown)
const runnable = examples.filter((line) => !SKIPPED.some((s) => s.match.test(line)))

describe('docs/cli.md examples', () => {
  let base: string
  let repo: string
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kaizen-doc-examples-'))
    repo = join(base, 'checkouts', 'acme-service')
    await cp(join(PROJECT_ROOT, 'examples', 'acme-service'), repo, { recursive: true })
    await writeFile(join(repo, 'roster.json'), JSON.stringify(rosterForCheckouts([repo], hostname())))
  })
  afterAll(() => rm(base, { recursive: true, force: true }))

  it('finds the examples, and runs most of them', () => {
    expect(examples.length).toBeGreaterThan(10)
    expect(runnable.length).toBeGreaterThanOrEqual(8)
  })

  it.each(
    examples
      .filter((line) => !runnable.includes(line))
      .map((line) => [line, SKIPPED.find((s) => s.match.test(line))?.reason] as const),
  )('skipped: %s (%s)', (_line, reason) => {
    expect(reason).toBeTruthy()
  })

  // In document order: prepare --emit event.json comes before the record that closes its run.
  it.each(runnable.map((line) => [line]))('runs: %s', async (line) => {
    const run = await runCliCaptured(argvOf(line), { cwd: repo, env: { KAIZEN_NOW: '2027-01-04T08:00:00Z' } })
    expect(run.stderr).not.toMatch(/^error:/m)
    expect(run.code).toBe(0)
    if (QUIET_ON_SUCCESS.some((q) => q.match.test(line))) expect(run.stdout).toBe('')
    else expect(run.stdout).not.toBe('')
  })
})
