/** A `CliIo` that captures what a command writes: the in-process runners' one capture (test/helpers/cli.ts, racer.ts). */
import type { CliIo } from '../../src/cli/io.ts'

/** What one CLI run produced. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Options of an in-process run: working directory, environment, whether the streams are terminals. */
export interface CliRunOptions {
  readonly cwd?: string
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly tty?: boolean
  /** What the command reads on stdin (`validate -`). */
  readonly stdin?: string
}

/** Runs `run` (runCli, runDevCli) on `argv` with a capturing io rooted at `defaultCwd` unless options say otherwise. */
export async function runCaptured(
  run: (argv: readonly string[], io: CliIo) => Promise<number>,
  argv: readonly string[],
  options: CliRunOptions,
  defaultCwd: string,
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? {},
    cwd: options.cwd ?? defaultCwd,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    readStdin: async (limit) => Buffer.from(options.stdin ?? '').subarray(0, limit + 1),
  }
  const code = await run(argv, io)
  return { code, stdout, stderr }
}
