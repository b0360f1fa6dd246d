/**
 * Arguments at their edges, as a reviewer typed them: an empty path (an unset variable)
 * and an --emit that looks like a server but names a file. Each case checks the message,
 * the exit code, and that nothing was written.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCliCaptured } from '../helpers/cli.ts'
import { snapshotTree } from '../helpers/temp-project.ts'
import { MANIFEST, makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const NOW = { KAIZEN_NOW: '2027-01-04T08:00:00Z' }

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

describe('an empty path is a usage error, not the working directory', () => {
  it.each([
    [['schedule', 'init', '--target', ''], '--target'],
    [['schedule', 'list', '--target', ''], '--target'],
    [['schedule', 'validate', '--target', ''], '--target'],
    [['schedule', 'prepare', 'coach', '--target', ''], '--target'],
    [['metrics', 'record', 'coach', '--success', '--time', '3', '--target', ''], '--target'],
    [['metrics', 'show', 'coach', '--target', ''], '--target'],
    [['schedule', 'discover', '--local', ''], '--local'],
    [['schedule', 'discover', '--roster', ''], '--roster'],
  ])('%j: exit 2, "%s must not be empty", nothing written', async (argv, flag) => {
    // Run inside a repository with a manifest: before, '' quietly meant this directory.
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const before = await snapshotTree(repo.root)
    const run = await runCliCaptured(argv, { cwd: repo.root, env: NOW })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toBe(`error: ${flag} must not be empty: name a path, or leave ${flag} out`)
    expect(await snapshotTree(repo.root)).toEqual(before)
  })

  it('validate "" is a usage error too', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await runCliCaptured(['schedule', 'validate', ''], { cwd: repo.root })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toBe('error: an input must not be empty: name a file, a directory, a glob or -')
  })
})

describe('--emit HOST:PORT without a scheme is a usage error, not a file named localhost:4222', () => {
  it.each([
    [
      'localhost:4222',
      '--emit localhost:4222 is ambiguous: for a NATS server write --emit nats://localhost:4222, for a file --emit ./localhost:4222',
    ],
    [
      'a:4222,b:4222',
      '--emit a:4222,b:4222 is ambiguous: for a NATS server write --emit nats://a:4222,nats://b:4222, for a file --emit ./a:4222,b:4222',
    ],
    [
      'me:secret@nats.internal:4222',
      '--emit HOST:PORT is ambiguous: for a NATS server write nats://HOST:PORT (credentials go in NATS_USER/NATS_PASSWORD, NATS_TOKEN or NATS_CREDS), for a file ./FILE',
    ],
  ])('--emit %s: exit 2, both readings suggested, nothing written', async (emit, message) => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const before = await snapshotTree(repo.root)
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', repo.root, '--emit', emit], {
      cwd: repo.root,
      env: NOW,
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`error: ${message}\n`)
    expect(run.stderr).not.toContain('secret')
    expect(await snapshotTree(repo.root)).toEqual(before)
  })

  it.each([['./x:1'], ['dir/x:1']])('--emit %s is still a file', async (emit) => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, 'dir/.keep': '' })
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', repo.root, '--emit', emit], {
      cwd: repo.root,
      env: NOW,
    })
    expect(run.code).toBe(0)
    const event = JSON.parse(await readFile(join(repo.root, emit), 'utf8')) as { event: string }
    expect(event.event).toBe('kaizen.schedule.prepared')
  })
})
