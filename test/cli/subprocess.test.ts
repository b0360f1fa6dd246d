/**
 * The CLI as users run it, in real processes: the thin `tsx scripts/<command>.ts` entry
 * points, and the bundled binary (`npm run build` → dist/, bundled once per run into a
 * temp outDir by the same function, test/setup/bundle-cli.ts) with its shebang. Exit codes, the stdout/stderr split
 * and no stack traces.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import { bundledCli } from '../helpers/bundled-cli.ts'
import { type CliRun, runCliCaptured, runNodeScript, runScript } from '../helpers/cli.ts'
import { findNatsServer, type RunningNats, startNatsServer } from '../helpers/nats-server.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { mustRunExternalTools } from '../helpers/python.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const VALID = 'version: 1\nagents:\n  coach:\n    cadence: weekly\n'
const INVALID = 'version: 1\nagents:\n  coach:\n    cadance: weekly\n'

/** A stack trace line, which bad input must never produce. */
const STACK = /^\s+at /m

let repo: TempRepo
beforeAll(async () => {
  repo = await makeRepo({
    'good/.kaizen/schedule.yml': VALID,
    // A prompt for each scheduled agent: without one, validate warns (issue 14).
    'good/.kaizen/agents/coach.md': '# Coach\n',
    'bad/.kaizen/schedule.yml': INVALID,
  })
})
afterAll(async () => {
  await repo.dispose()
})

function expectCleanFailure(run: CliRun, code: number, words: string): void {
  expect(run.code).toBe(code)
  expect(run.stdout).toBe('')
  expect(run.stderr).toContain(words)
  expect(run.stderr).not.toMatch(STACK)
}

describe('tsx scripts/<command>.ts', () => {
  it('validate: exit 0 and the verdict on stdout for a valid manifest', async () => {
    const run = await runScript('validate', ['--target', join(repo.root, 'good')])
    expect(run).toEqual({ code: 0, stdout: '✓ .kaizen/schedule.yml is valid\n', stderr: '' })
  })

  it('validate: exit 1 and located problems on stderr for an invalid one', async () => {
    const run = await runScript('validate', ['--target', join(repo.root, 'bad')])
    expectCleanFailure(
      run,
      1,
      "✖ .kaizen/schedule.yml:4:5  /agents/coach/cadance  unknown key 'cadance' — did you mean 'cadence'?",
    )
  })

  it('validate: exit 2 for a usage error', async () => {
    expectCleanFailure(await runScript('validate', ['--format', 'xml']), 2, 'expected one of text, json')
  })

  it('init then list, in a fresh repo', async () => {
    const fresh = await makeRepo()
    try {
      const init = await runScript('init', ['--agents', 'coach'], { cwd: fresh.root })
      expect(init.code).toBe(0)
      expect(init.stdout).toContain('wrote .kaizen/schedule.yml')
      const list = await runScript('list', ['--format', 'json', '--at', '2026-06-17T12:00:00Z'], { cwd: fresh.root })
      expect(list.code).toBe(0)
      expect(JSON.parse(list.stdout).agents[0].next_run).toBe('2026-06-22T09:00:00+00:00')
      expectCleanFailure(await runScript('init', [], { cwd: fresh.root }), 1, 'already exists')
    } finally {
      await fresh.dispose()
    }
  })
})

describe('the bundled kaizen-agentic binary', () => {
  const { bin } = bundledCli()

  const natsServer = findNatsServer()
  if (!natsServer && mustRunExternalTools()) throw new Error('nats-server is required under CI=true')
  let server: RunningNats | undefined

  beforeAll(async () => {
    if (!natsServer) return
    server = await startNatsServer(natsServer, { jetstream: true })
    const { connect } = await import('@nats-io/transport-node')
    const { jetstreamManager } = await import('@nats-io/jetstream')
    const nc = await connect({ servers: server.url })
    await (await jetstreamManager(nc)).streams.add({ name: 'KAIZEN', subjects: ['kaizen.>'] })
    await nc.close()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('keeps its shebang and runs as an executable', async () => {
    expect((await readFile(bin, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node')
    await chmod(bin, 0o755)
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8' })
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `${packageJson.version}\n`, ''])
  })

  it('validates a valid manifest, exit 0', async () => {
    const run = await runNodeScript(bin, ['schedule', 'validate', '--target', join(repo.root, 'good')])
    expect(run).toEqual({ code: 0, stdout: '✓ .kaizen/schedule.yml is valid\n', stderr: '' })
  })

  it('reports an invalid manifest as JSON on stdout, exit 1', async () => {
    const run = await runNodeScript(bin, [
      'schedule',
      'validate',
      '--target',
      join(repo.root, 'bad'),
      '--format',
      'json',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout).diagnostics[0].suggestion).toBe('cadence')
  })

  it('output that cannot be written fails the run: a full disk is exit 1 and a message, a closed pipe is not', async () => {
    const full = openSync('/dev/full', 'w')
    try {
      const run = spawnSync(process.execPath, [bin, 'schedule', 'list', '--target', join(repo.root, 'good')], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      })
      expect([run.status, run.stderr]).toEqual([1, 'error: cannot write the output: ENOSPC\n'])
    } finally {
      closeSync(full)
    }
    // A 3 MB bundle into `head -c 1`: the reader leaves long before the writer is done (EPIPE).
    // PIPESTATUS: the exit code of our process, not of head.
    const big = join(repo.root, 'big')
    await mkdir(join(big, '.kaizen', 'memory'), { recursive: true })
    await writeFile(join(big, '.kaizen', 'schedule.yml'), VALID)
    await writeFile(join(big, '.kaizen', 'memory', 'coach.md'), `${'- a line of memory\n'.repeat(160_000)}`)
    const piped = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${bin}" schedule prepare coach --target "${big}" --max-bytes 4000000 | head -c 1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    )
    expect(piped.stdout).toBe('exit 0\n')
  })

  it('a large output through a pipe arrives whole: the process exits only once it is written', async () => {
    const big = join(repo.root, 'big-whole')
    await mkdir(join(big, '.kaizen', 'memory'), { recursive: true })
    await writeFile(join(big, '.kaizen', 'schedule.yml'), VALID)
    await writeFile(join(big, '.kaizen', 'memory', 'coach.md'), '- a line of memory\n'.repeat(160_000))
    const argv = [bin, 'schedule', 'prepare', 'coach', '--target', big, '--max-bytes', '4000000']
    const direct = spawnSync(process.execPath, argv, {
      env: { ...process.env, KAIZEN_NOW: '2026-06-17T09:00:12Z' },
      maxBuffer: 16 * 1024 * 1024,
    })
    expect(direct.status).toBe(0)
    expect(direct.stdout.length).toBeGreaterThan(3_000_000)
    // Through a shell pipe (a 64 KiB kernel buffer) into wc: every byte, and our exit code.
    const quoted = argv.map((a) => `"${a}"`).join(' ')
    const piped = spawnSync(
      'bash',
      ['-c', `KAIZEN_NOW=2026-06-17T09:00:12Z "${process.execPath}" ${quoted} | wc -c; echo "exit \${PIPESTATUS[0]}"`],
      { encoding: 'utf8' },
    )
    expect(piped.stdout.trim().split(/\s+/)).toEqual([String(direct.stdout.length), 'exit', '0'])
  })

  it('reports bad input without a stack trace', async () => {
    const run = await runNodeScript(bin, ['schedule', 'validate', join(PROJECT_ROOT, 'package-lock.json')])
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(STACK)
  })

  it('lists with the precompiled schedule-list validator and the schedule engine from dist', async () => {
    const run = await runNodeScript(bin, [
      'schedule',
      'list',
      '--target',
      join(repo.root, 'good'),
      '--at',
      '2026-06-17T12:00:00Z',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('coach  weekly   mon  09:00  UTC       yes      Mon 2026-06-22 09:00 +00:00')
  })

  it('exits 2 on a usage error', async () => {
    expectCleanFailure(
      await runNodeScript(bin, ['schedule', 'list', '--at', 'soon']),
      2,
      'expected an RFC 3339 timestamp',
    )
  })

  // secretlint (through a CommonJS module, src/bundle/secretlint.cjs) and the tokenizer (a worker
  // thread reading the build's rank-table cache) are reached differently in the bundle than from
  // source: a secret is still redacted and tokens still counted, exactly as from source.
  it('prepare redacts a pasted secret and counts tokens, as from source', async () => {
    const key = 'AKIA' + 'QWERTYUIOPASDFGH'
    const secret = 'abcdefghijABCDEFGHIJ0123456789abcdefghi/'
    const leaky = await makeRepo({
      '.kaizen/schedule.yml': VALID,
      '.kaizen/agents/coach.md': '# Coach\n',
      '.kaizen/memory/coach.md': `- pasted: AWS_ACCESS_KEY_ID=${key}\n- AWS_SECRET_ACCESS_KEY=${secret}\n`,
    })
    try {
      const args = [
        'schedule',
        'prepare',
        'coach',
        '--target',
        leaky.root,
        '--format',
        'json',
        '--tokenizer',
        'o200k_base',
      ]
      const env = { KAIZEN_NOW: '2026-06-17T09:00:00Z' }
      const bundled = await runNodeScript(bin, args, { env })
      expect(bundled.code).toBe(0)
      for (const value of [key, secret]) {
        expect(bundled.stdout).not.toContain(value)
        expect(bundled.stderr).not.toContain(value)
      }
      expect(bundled.stdout).toContain('[REDACTED:aws-secret-access-key]')
      // From source, in process: the same bundle, byte for byte.
      const fromSource = await runCliCaptured(args, { env })
      expect(fromSource.code).toBe(0)
      expect(bundled.stdout).toBe(fromSource.stdout)
      const bundle = JSON.parse(bundled.stdout) as { redactions: number; tokens: number }
      expect(bundle.redactions).toBe(2)
      expect(bundle.tokens).toBeGreaterThan(100)
    } finally {
      await leaky.dispose()
    }
  })

  // The NATS packages are CommonJS behind a dynamic import: the bundle must still reach their API
  // (a regression once made every bundled emit fail with "nats.connect is not a function").
  it.skipIf(!natsServer)('emits to a real JetStream stream and is acknowledged, exit 0', async () => {
    const run = await runNodeScript(bin, [
      'schedule',
      'prepare',
      'coach',
      '--target',
      join(PROJECT_ROOT, 'examples/acme-service'),
      '--emit',
      server?.url ?? '',
      '--require-ack',
    ])
    expect(run.stderr).not.toContain('error')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('# Kaizen bundle: coach for acme-service')
  })
})
