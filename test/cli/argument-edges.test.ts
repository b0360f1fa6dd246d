/**
 * Arguments at their edges, as a reviewer typed them: an empty path (an unset variable)
 * and an --emit that looks like a server but names a file. Each case checks the message,
 * the exit code, and that nothing was written.
 */
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
