/** What a command may touch of the outside world; tests pass their own. */
import pc from 'picocolors'

/** Output streams, environment and working directory of one CLI run. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown }
  readonly stderr: { write(chunk: string): unknown }
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  }
}

/** Colour only on a terminal, and never with NO_COLOR, TERM=dumb or in CI. */
export function colorsFor(io: CliIo, stream: 'stdout' | 'stderr'): ReturnType<typeof pc.createColors> {
  const tty = stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== ''
  const enabled = tty && !noColor && io.env.TERM !== 'dumb' && io.env.FORCE_COLOR !== '0'
  return pc.createColors(enabled || (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && !noColor))
}
