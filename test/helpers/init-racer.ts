/**
 * A child process for race tests: loads the CLI, says "ready", waits for a line on
 * stdin, then runs `kaizen-agentic …argv` at once. Ten of these released together race
 * for real, however long each took to start.
 */
import { runCli } from '../../src/cli/program.ts'
// Loaded before "ready", so the commands' lazy imports cost nothing after the release.
import '../../src/manifest/write.ts'
import '../../src/manifest/scaffold.ts'
import '../../src/manifest/read.ts'

process.stdout.write('ready\n')
process.stdin.once('data', async () => {
  let out = ''
  let err = ''
  const code = await runCli(process.argv.slice(2), {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    env: {},
    cwd: process.cwd(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  })
  process.stdout.write(`${JSON.stringify({ code, stdout: out, stderr: err })}\n`)
  process.exit(0)
})
