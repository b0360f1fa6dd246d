/** Reading a roster from a file (a saved `GET /repos/` answer, or a pipe such as `<(…)`) or from stdin. */
import { readBounded } from '../fs/read-contained.ts'
import { type RosterLoad, rosterFromText } from './roster.ts'

/** Largest roster accepted, file or hub: 10,000 repos take about 3 MB, so this is generous. */
export const MAX_ROSTER_BYTES = 64 * 1024 * 1024

/** Reads and checks a roster file; `displayName` is how messages name it. */
export async function readRosterFile(path: string, displayName = path): Promise<RosterLoad> {
  const origin = `roster file ${displayName}`
  // Pipes are welcome (`--roster <(curl …)`); a FIFO with no writer reads as empty instead of hanging.
  const read = await readBounded(path, { limit: MAX_ROSTER_BYTES, allowPipes: true })
  if (read.status === 'missing') return { ok: false, message: `${origin} does not exist`, problems: [] }
  if (read.status === 'refused') {
    const words = read.code === 'directory' ? 'is a directory, not a file' : read.reason.replace(/^it /, '')
    return { ok: false, message: `${origin} ${words}`, problems: [] }
  }
  return rosterFromBytes(read.bytes, read.size, origin)
}

/**
 * Checks a roster read as bytes (a file, or stdin for `--roster -`): the size cap, UTF-8,
 * then the roster itself. `size` is how many bytes there were, which may exceed `bytes`.
 */
export function rosterFromBytes(bytes: Uint8Array, size: number, origin: string): RosterLoad {
  if (size > MAX_ROSTER_BYTES) {
    return {
      ok: false,
      message: `${origin} is larger than ${MAX_ROSTER_BYTES} bytes; refusing to read it`,
      problems: [],
    }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, message: `${origin} is not UTF-8 text`, problems: [] }
  }
  return rosterFromText(text, origin)
}
