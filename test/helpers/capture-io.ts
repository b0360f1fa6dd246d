/** A `CliIo` that records what a command writes, for in-process CLI tests. */
import type { CliIo } from '../../src/cli/io.ts'
import { runCli } from '../../src/cli/program.ts'

/** What one in-process CLI run produced. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `kaizen-agentic …argv` in process with captured streams (no TTY, no colour). */
export async function runCliCaptured(
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  }
  const code = await runCli(argv, io)
  return { code, stdout, stderr }
}
