/** Reading a roster from a file (a saved `GET /repos/` answer, or a pipe such as `<(…)`). */
import { open } from 'node:fs/promises'
import { type RosterLoad, rosterFromText } from './roster.ts'

/** Largest roster accepted, file or hub: 10,000 repos take about 3 MB, so this is generous. */
export const MAX_ROSTER_BYTES = 64 * 1024 * 1024

/**
 * Reads at most `MAX_ROSTER_BYTES` + 1 bytes, chunk by chunk, so a huge file (or an
 * endless pipe) is refused without being read whole; works for regular files and pipes.
 */
async function readBounded(path: string, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  const handle = await open(path, 'r')
  try {
    const chunks: Uint8Array[] = []
    let total = 0
    for (;;) {
      const chunk = new Uint8Array(Math.min(1024 * 1024, maxBytes + 1 - total))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > maxBytes) return 'too-large'
    }
    return Buffer.concat(chunks, total)
  } finally {
    await handle.close()
  }
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EISDIR: 'is a directory, not a file',
  EACCES: 'is not readable (permission denied)',
}

/** Reads and checks a roster file; `displayName` is how messages name it. */
export async function readRosterFile(path: string, displayName = path): Promise<RosterLoad> {
  const origin = `roster file ${displayName}`
  let bytes: Uint8Array | 'too-large'
  try {
    bytes = await readBounded(path, MAX_ROSTER_BYTES)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return { ok: false, message: `${origin} ${READ_ERRORS[code] ?? `cannot be read (${code})`}`, problems: [] }
  }
  if (bytes === 'too-large') {
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
