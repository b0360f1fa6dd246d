/**
 * `schedule discover` from the command line: in process through `runCli` with a
 * capturing CliIo, and as real subprocesses (`tsx scripts/discover.ts`, and the failures
 * through the bundled binary) for exit codes, the stdout/stderr split, and a token that
 * never reaches either stream.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { PROGRESS_MIN_REPOS } from '../../src/cli/commands/discover.ts'
import { MAX_ROSTER_BYTES } from '../../src/discover/roster-file.ts'
import { closedPort, type FakeHub, startFakeHub } from '../discover/hub-server.ts'
import { entryFor, HOST, makeRepoTree, type RepoTree, TWO_AGENTS } from '../discover/repos.ts'
import { bundledCli } from '../helpers/bundled-cli.ts'
import {
  type CliRun,
  type CliRunOptions,
  runCliCaptured,
  runNodeScript,
  runScript,
  type ScriptOptions,
} from '../helpers/cli.ts'
import { snapshotTree } from '../helpers/temp-project.ts'

/** `schedule discover …argv` in process, from the repo tree. */
const run = (argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> =>
  runCliCaptured(['schedule', 'discover', ...argv], { cwd: tree.dir, ...options })

let tree: RepoTree
let rosterFile: string
let svcRoot: string

beforeAll(async () => {
  tree = await makeRepoTree()
  svcRoot = await tree.checkout('svc', TWO_AGENTS)
  rosterFile = join(tree.dir, 'roster.json')
  await writeFile(
    rosterFile,
    JSON.stringify([
      entryFor('svc', svcRoot, { hub_only_field: 1 } as object),
      { slug: 'off', host_paths: {}, kaizen_schedule_enabled: false },
    ]),
  )
})
afterAll(async () => {
  await tree.dispose()
})

let hub: FakeHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

describe('schedule discover --roster', () => {
  it('prints the scheduled-runs document on stdout and nothing on stderr', async () => {
    const result = await run(['--roster', 'roster.json', '--host', HOST])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const document = JSON.parse(result.stdout) as ScheduledRuns
    expect(document.scheduled_runs.map((r) => `${r.repo}/${r.agent}@${r.host}`)).toEqual([
      `svc/coach@${HOST}`,
      `svc/optimization@${HOST}`,
    ])
    expect(document.skipped).toEqual([
      { repo: 'off', reason: 'disabled_by_hub', detail: 'kaizen_schedule_enabled is false' },
    ])
  })

  it('--host defaults to this machine’s host name', async () => {
    const document = JSON.parse((await run(['--roster', rosterFile])).stdout) as ScheduledRuns
    expect(document.skipped.find((s) => s.repo === 'svc')?.detail).toContain(`host ${JSON.stringify(hostname())}`)
  })

  it('on a terminal, prints a one-line summary on stderr (data still on stdout)', async () => {
    const result = await run(['--roster', rosterFile, '--host', HOST], { tty: true, env: { NO_COLOR: '1' } })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(`✓ 2 runs on ${HOST}; 1 skipped (1 disabled_by_hub)\n`)
    expect(JSON.parse(result.stdout)).toHaveProperty('scheduled_runs')
  })

  describe('progress', () => {
    let large: string
    beforeAll(async () => {
      large = join(tree.dir, 'large.json')
      const entries = Array.from({ length: PROGRESS_MIN_REPOS }, (_, i) => ({ slug: `r${i}`, host_paths: {} }))
      await writeFile(large, JSON.stringify(entries))
    })

    it('a large roster on a terminal gets a progress line on stderr, cleared at the end', async () => {
      const result = await run(['--roster', large, '--host', HOST], { tty: true, env: { NO_COLOR: '1' } })
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(`discover: examined ${PROGRESS_MIN_REPOS}/${PROGRESS_MIN_REPOS} repos`)
      expect(result.stderr).toContain('\r\x1b[K✓ 0 runs')
    })

    it('never when stderr is not a terminal', async () => {
      const result = await run(['--roster', large, '--host', HOST])
      expect(result.code).toBe(0)
      expect(result.stderr).toBe('')
    })
  })

  it.each([
    ['no roster source', []],
    ['both roster sources', ['--roster', 'roster.json', '--hub-url', 'http://127.0.0.1:9']],
  ])('%s: usage error, exit 2, nothing on stdout', async (_name, argv) => {
    const result = await run(argv)
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: give exactly one roster source: --roster FILE, --hub-url URL or --local DIR\n',
    })
  })

  it.each([
    ['--hub-url', 'ftp://hub/', 'unsupported protocol ftp:'],
    ['--hub-url', 'http://me:pw@hub/', 'put credentials in STATE_HUB_TOKEN'],
    ['--format', 'yaml', 'expected one of json'],
    ['--retries', '-1', 'expected an integer from 0 to 10'],
    ['--timeout-ms', '0', 'expected milliseconds from 1 to 3600000 (one hour)'],
    ['--host', '', 'expected a host name'],
  ])('%s %j: usage error, exit 2', async (flag, value, message) => {
    const result = await run(['--roster', 'roster.json', flag, value])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(message)
  })

  it('an invalid roster: exit 1, each problem named, nothing on stdout, nothing written', async () => {
    const bad = join(tree.dir, 'bad-roster.json')
    await writeFile(bad, JSON.stringify([{ slug: 'svc', host_paths: { [HOST]: 'relative/path' } }, { host_paths: {} }]))
    const before = await snapshotTree(tree.dir)
    const result = await run(['--roster', 'bad-roster.json', '--host', HOST])
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'error: roster file bad-roster.json is not a valid roster:',
        `  entry 0 (slug "svc"), field host_paths.${HOST}: must be an absolute path, got the string "relative/path"`,
        '  entry 1: field slug is missing',
        '',
      ].join('\n'),
    })
    expect(await snapshotTree(tree.dir)).toEqual(before)
  })

  it('--roster - reads the roster from stdin: the same document as the file gives', async () => {
    const fromFile = await run(['--roster', rosterFile, '--host', HOST])
    const fromStdin = await run(['--roster', '-', '--host', HOST], { stdin: await readFile(rosterFile, 'utf8') })
    expect(fromStdin.stderr).toBe('')
    expect(fromStdin.code).toBe(0)
    expect(JSON.parse(fromStdin.stdout)).toEqual(JSON.parse(fromFile.stdout))
  })

  it.each([
    [
      'empty',
      '',
      'error: the roster on stdin is not JSON (line 1, column 1: Unexpected end of JSON input; it is empty)',
    ],
    ['not JSON', 'nope', 'error: the roster on stdin is not JSON ('],
    [
      'over the 64 MiB cap',
      ' '.repeat(MAX_ROSTER_BYTES + 1),
      `error: the roster on stdin is larger than ${MAX_ROSTER_BYTES} bytes; refusing to read it`,
    ],
  ])('--roster - with %s on stdin: exit 1, one line, nothing on stdout or written', async (_what, stdin, message) => {
    const before = await snapshotTree(tree.dir)
    const result = await run(['--roster', '-', '--host', HOST], { stdin })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.split('\n')[0]).toContain(message)
    expect(await snapshotTree(tree.dir)).toEqual(before)
  })

  it('a missing roster file: exit 1', async () => {
    expect(await run(['--roster', 'nope.json'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: roster file nope.json does not exist\n',
    })
  })

  it('--help documents the sources and exit codes', async () => {
    const result = await run(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('--roster <file>')
    expect(result.stdout).toContain('--hub-url <url>')
    expect(result.stdout).toContain('STATE_HUB_TOKEN')
    expect(result.stdout).toContain('Exit codes: 0 ok')
  })
})

describe('schedule discover --hub-url', () => {
  it('fetches the roster with the token from STATE_HUB_TOKEN', async () => {
    hub = await startFakeHub([{ status: 200, body: await readFile(rosterFile, 'utf8') }])
    const result = await run(['--hub-url', hub.url, '--host', HOST], { env: { STATE_HUB_TOKEN: 'tok-123' } })
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as ScheduledRuns).scheduled_runs).toHaveLength(2)
    expect(hub.requests[0]?.headers.authorization).toBe('Bearer tok-123')
  })

  it('a hub that is down: exit 1 with one clear line', async () => {
    const port = await closedPort()
    const result = await run(['--hub-url', `http://127.0.0.1:${port}`, '--retries', '0'])
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot get the roster from http://127.0.0.1:${port}/repos/: connection failed (ECONNREFUSED) (1 attempt)\n`,
    })
  })
})

describe('scripts/discover.ts as a subprocess', () => {
  it('exit 0, the document on stdout, stderr empty', async () => {
    const result = await runScript('discover', ['--roster', rosterFile, '--host', HOST])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as ScheduledRuns).scheduled_runs.map((r) => r.root)).toEqual([svcRoot, svcRoot])
  })
})

/** The failures through the bundled binary (node runs it directly, as an installed `kaizen-agentic`). */
describe('kaizen-agentic schedule discover (bundled) as a subprocess', () => {
  const discover = (args: readonly string[], options: ScriptOptions = {}) =>
    runNodeScript(bundledCli().bin, ['schedule', 'discover', ...args], options)

  it('exit 2 on a usage error, with the message on stderr', async () => {
    const result = await discover([])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('give exactly one roster source')
  })

  it('exit 1 when the hub answers non-JSON; the token (echoed by the hub) reaches neither stream', async () => {
    const token = 'sekrit-token-do-not-print'
    hub = await startFakeHub([{ status: 200, body: `<p>denied ${token}</p>`, contentType: 'text/html' }])
    const result = await discover(['--hub-url', hub.url, '--host', HOST], { env: { STATE_HUB_TOKEN: token } })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^error: state-hub's answer at .* is not JSON/)
    expect(result.stderr + result.stdout).not.toContain(token)
    expect(hub.requests[0]?.headers.authorization).toBe(`Bearer ${token}`)
  })

  it('exit 1 when the hub never answers, after the timeout', async () => {
    hub = await startFakeHub(['hang'])
    const result = await discover(['--hub-url', hub.url, '--timeout-ms', '200', '--retries', '0'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `error: cannot get the roster from ${hub.url}/repos/: no answer within 200 ms (1 attempt)\n`,
    )
  })
})
