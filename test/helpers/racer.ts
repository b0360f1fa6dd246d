/**
 * A child process for race tests: loads the CLI, says "ready", waits for a line on
 * stdin, then runs `kaizen-agentic …argv` at once, `repeat` times in a row (`{i}` in an
 * argument becomes the run's index). Several of these released together race for real,
 * however long each took to start; repeating keeps them racing for longer than one run.
 *
 *   node --import tsx test/helpers/racer.ts <repeat> <kaizen-agentic args…>
 *
 * Prints "ready", then one JSON line: the array of `{ code, stdout, stderr }`, one per run.
 */
import { runCli } from '../../src/cli/program.ts'
import { type CliRun, runCaptured } from './capture-io.ts'
// Loaded before "ready", so the commands' lazy imports cost nothing after the release.
import '../../src/cli/commands/init.ts'
import '../../src/manifest/write.ts'
import '../../src/manifest/scaffold.ts'
import '../../src/manifest/read.ts'
import '../../src/cli/commands/metrics.ts'
import '../../src/metrics/record.ts'
import '../../src/fs/append-line.ts'
import '../../src/bundle/locations.ts'

const [repeat = '1', ...argv] = process.argv.slice(2)

process.stdout.write('ready\n')
process.stdin.once('data', async () => {
  const runs: CliRun[] = []
  for (let i = 0; i < Number(repeat); i++) {
    runs.push(
      await runCaptured(
        runCli,
        argv.map((arg) => arg.replaceAll('{i}', String(i))),
        {},
        process.cwd(),
      ),
    )
  }
  process.stdout.write(`${JSON.stringify(runs)}\n`)
  process.exit(0)
})
