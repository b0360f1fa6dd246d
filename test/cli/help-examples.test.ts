/**
 * Every `--help` example runs as pasted (the docs/cli.md examples have their own test,
 * docs-examples.test.ts): each command's help is printed, its `$ kaizen-agentic …` lines
 * are run in process from inside a fresh copy of examples/acme-service at ~/src/acme-service
 * (HOME is the temp directory), with a roster.json naming that copy. "Now" is the real
 * clock, as for an operator pasting the line: an example pinned to a date in the future
 * (discover --from without --to) fails here the day it would fail for them.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { globSync } from 'tinyglobby'
import { afterEach, describe, expect, it } from 'vitest'
import { rosterForCheckouts } from '../../src/discover/local-roster.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { LEAF_COMMANDS } from '../helpers/commands.ts'
import { NETWORK_EXAMPLES, type SkippedExample } from '../helpers/examples.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const COMMANDS = LEAF_COMMANDS

/** Examples that are not run, and why (matched against the whole line). */
const SKIPPED: readonly SkippedExample[] = NETWORK_EXAMPLES

/** The `$ …` lines of the Examples section of each command's help. */
async function helpExamples(): Promise<string[]> {
  const lines: string[] = []
  for (const command of COMMANDS) {
    const help = await runCliCaptured([...command, '--help'])
    for (const m of help.stdout.matchAll(/^ {2}\$ (.+)$/gm)) lines.push(m[1] ?? '')
  }
  return lines
}

/** An example line as the shell would run it: `VAR=value` prefixes, `cat FILE |`, quotes, `~`, globs. */
function commandOf(
  line: string,
  home: string,
  cwd: string,
): { argv: string[]; env: Record<string, string>; stdinFile?: string } {
  const env: Record<string, string> = {}
  let rest = line
  const cat = /^cat (\S+) \| /.exec(rest)
  if (cat) rest = rest.slice(cat[0].length)
  for (let m = /^([A-Z_]+)=(\S+) /.exec(rest); m; m = /^([A-Z_]+)=(\S+) /.exec(rest)) {
    env[m[1] ?? ''] = (m[2] ?? '').replace(/^~/, home)
    rest = rest.slice(m[0].length)
  }
  const argv = [...rest.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].slice(1).flatMap((m) => {
    const bare = m[3]
    if (bare === undefined) return [m[1] ?? m[2] ?? '']
    if (isTildePath(bare)) return [bare.replace(/^~/, home)]
    // The shell expands an unquoted glob before the command sees it.
    return bare.includes('*') ? globSync(bare, { cwd, onlyFiles: false }) : [bare]
  })
  return { argv, env, ...(cat?.[1] === undefined ? {} : { stdinFile: cat[1] }) }
}

const isTildePath = (word: string): boolean => word === '~' || word.startsWith('~/')

const examples = await helpExamples()
const runnable = examples.filter((line) => !SKIPPED.some((s) => s.match.test(line)))

let home: string | undefined
afterEach(async () => {
  if (home !== undefined) await rm(home, { recursive: true, force: true })
  home = undefined
})

describe('--help examples', () => {
  it('finds the examples of every command', () => {
    expect(examples.length).toBeGreaterThanOrEqual(COMMANDS.length * 2)
  })

  it.each(
    examples
      .filter((line) => !runnable.includes(line))
      .map((line) => [line, SKIPPED.find((s) => s.match.test(line))?.reason] as const),
  )('skipped: %s (%s)', (_line, reason) => {
    expect(reason).toBeTruthy()
  })

  it.each(runnable.map((line) => [line]))('runs as pasted: %s', async (line) => {
    home = await mkdtemp(join(tmpdir(), 'kaizen-help-examples-'))
    const repo = join(home, 'src', 'acme-service')
    await cp(join(PROJECT_ROOT, 'examples', 'acme-service'), repo, { recursive: true })
    const manifest = await readFile(join(repo, '.kaizen', 'schedule.yml'), 'utf8')
    await writeFile(join(repo, 'roster.json'), JSON.stringify(rosterForCheckouts([repo], hostname())))
    await writeFile(join(repo, 'schedule.yml'), manifest)
    await mkdir(join(repo, 'services', 'web', '.kaizen'), { recursive: true })
    await writeFile(join(repo, 'services', 'web', '.kaizen', 'schedule.yml'), manifest)
    // `init` without --force opts a repository in: one that has no manifest yet.
    if (/ init(?!.*--force)/.test(line)) await rm(join(repo, '.kaizen', 'schedule.yml'))
    const { argv, env, stdinFile } = commandOf(line, home, repo)
    const stdin = stdinFile === undefined ? undefined : await readFile(join(repo, stdinFile), 'utf8')
    const run = await runCliCaptured(argv, {
      cwd: repo,
      env: { HOME: home, ...env },
      ...(stdin === undefined ? {} : { stdin }),
    })
    expect(run.stderr).not.toMatch(/^error:/m)
    expect(run.code).toBe(0)
    expect(run.stdout).not.toBe('')
  })
})
