/** What a command may touch of the outside world; tests pass their own. */
import pc from 'picocolors'
import { escapeControl } from '../diagnostics/safe-text.ts'

/** Output streams, environment and working directory of one CLI run. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown }
  readonly stderr: { write(chunk: string): unknown }
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  /** Reads standard input to its end, at most `limit` bytes (`validate -`); absent: stdin is empty. */
  readonly readStdin?: (limit: number) => Promise<Uint8Array>
  /** `--verbose`: say on stderr which files and targets were used, and print the stack of an unexpected error. */
  readonly verbose?: boolean
}

/** Writes `verbose: <message>` on stderr when `--verbose` is on; nothing otherwise. */
export function verboseLine(io: CliIo, message: string): void {
  if (io.verbose === true) io.stderr.write(`verbose: ${escapeControl(message)}\n`)
}

/** What a message line on stderr is: its label, and the colour of the label. */
export type MessageKind = 'error' | 'warning' | 'note'

/**
 * Writes `error: <message>` (or `warning:`, `note:`) on stderr, the label coloured when
 * colour is on. Every message line goes through here: messages quote paths, file
 * contents and server answers, so their control characters are made visible — a
 * directory named with an escape sequence must not drive the operator's terminal.
 */
export function messageLine(io: CliIo, kind: MessageKind, message: string): void {
  const c = colorsFor(io, 'stderr')
  const label = kind === 'error' ? c.red('error:') : kind === 'warning' ? c.yellow('warning:') : 'note:'
  io.stderr.write(`${label} ${escapeControl(message)}\n`)
}

/** Reads process stdin up to `limit` bytes (one more tells the reader it was over). */
async function readProcessStdin(limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    chunks.push(buffer)
    size += buffer.length
    if (size > limit) break
  }
  return Buffer.concat(chunks).subarray(0, limit + 1)
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
    readStdin: readProcessStdin,
  }
}

/** Whether an environment variable is set to something other than empty, `0` or `false`. */
const isSet = (value: string | undefined): boolean =>
  value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'

/**
 * Colour only on a terminal, and never with NO_COLOR, TERM=dumb or in CI (`CI` set, as
 * citty and std-env read it: CI logs keep escape codes as noise). FORCE_COLOR overrides all but NO_COLOR.
 */
export function colorsFor(io: CliIo, stream: 'stdout' | 'stderr'): ReturnType<typeof pc.createColors> {
  const tty = stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== ''
  const enabled = tty && !noColor && io.env.TERM !== 'dumb' && io.env.FORCE_COLOR !== '0' && !isSet(io.env.CI)
  return pc.createColors(enabled || (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && !noColor))
}
