/**
 * `npm test` includes what `npm run check` checks: the whole tree, generated types
 * and the compile-time proof in test/contracts/types-agree.ts, compiles under strict
 * settings, and the linter is clean.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../helpers/project.ts'

const require = createRequire(import.meta.url)

describe('static checks', () => {
  it('tsc finds no error (generated types agree with the TypeBox contracts)', () => {
    const tsc = require.resolve('typescript/bin/tsc')
    // Incremental: a re-run after a small edit re-checks only what changed (the cache is inside the repo, ignored by git).
    const cache = ['--incremental', '--tsBuildInfoFile', 'node_modules/.cache/kaizen-typecheck.tsbuildinfo']
    const run = spawnSync(process.execPath, [tsc, '-p', '.', ...cache], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    expect(run.stdout + run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('biome finds no problem', () => {
    const biome = require.resolve('@biomejs/biome/bin/biome')
    const run = spawnSync(process.execPath, [biome, 'check', '--error-on-warnings', '.'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    })
    expect(run.status, run.stdout + run.stderr).toBe(0)
  })
})
