import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files that take longest (each runs several real processes: tsc, tsx, generate in a
 * temp copy), longest first. They start first so that at the end both workers finish on
 * short files instead of one waiting on a long one. vitest orders by the previous run's
 * durations when its cache has them; a fresh CI checkout has no cache, so this list
 * decides there (measured with `CI=true npx vitest run --reporter=json`).
 */
const SLOW_FIRST = [
  'test/codegen/typecheck.test.ts',
  'test/codegen/generate.test.ts',
  'test/package/pack.test.ts',
  'test/evolution/commands.test.ts',
  'test/codegen/activity-definitions.test.ts',
  'test/event/nats.test.ts',
  'test/cli/subprocess.test.ts',
  'test/cli/prepare.test.ts',
  'test/cli/loaded-modules.test.ts',
  'test/cli/metrics.test.ts',
  'test/cli/safe-writes.test.ts',
  'test/cli/discover.test.ts',
]

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (spec: TestSpecification): number => {
      const index = SLOW_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`))
      return index === -1 ? SLOW_FIRST.length : index
    }
    // Array sort is stable: the rest keep vitest's own order.
    return sorted.sort((a, b) => rank(a) - rank(b))
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One CLI bundle for the whole run, shared by the files that run the bundled binary.
    globalSetup: ['test/setup/bundle-cli.ts'],
    // Subprocess-heavy tests (tsc, tsx, python, nats) need more than the 5 s default on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest's default is one worker per core minus one: a single worker on a 2-core machine,
    // idle while a test waits on its subprocess. Two keep both cores busy.
    maxWorkers: 2,
    // Each worker keeps its module graph from file to file instead of re-importing it (the
    // contracts, Ajv, the CLI) for every one of ~80 files: on this 2-core machine importing
    // was most of the run. No test mocks modules or changes process-wide state (env, cwd,
    // exit code), so nothing leaks between files; a test that must, restores it in afterEach.
    isolate: false,
    sequence: { sequencer: SlowFirstSequencer },
    // In CI a JSON report is written too, so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp-vitest-report.json' }]] : ['default'],
  },
})
