/**
 * `--emit FILE`: the event as pretty JSON. A new file is created atomically; a previous
 * event file is replaced atomically; a pipe, FIFO or character device (`/dev/stdout`,
 * `>(cat)`, `/dev/null`) is written through like a shell redirect; anything else that
 * is already there (the repo's manifest, a symlink, a read-only file) is refused unless
 * `--force` (and a symlink or special file even then). See `src/fs/safe-write.ts`.
 */
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { SCHEDULE_PREPARED_SUBJECT } from '../../contracts/constants.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { outputFileProblem, writeOutputFile } from '../fs/safe-write.ts'

/** Written, or why not; nothing is left behind on failure. */
export type EmitFileResult = { readonly ok: true } | { readonly ok: false; readonly message: string }

/** Options of the event file writer. */
export interface EmitFileOptions {
  /** Replace an existing regular file that is not a previous event (`prepare --force`). */
  readonly force?: boolean
}

/** Whether existing file content is an event this command wrote (so replacing it loses nothing). */
export function isPreviousEvent(text: string): boolean {
  try {
    const data = JSON.parse(text) as unknown
    return (
      typeof data === 'object' &&
      data !== null &&
      !Array.isArray(data) &&
      (data as Record<string, unknown>).event === SCHEDULE_PREPARED_SUBJECT
    )
  } catch {
    return false
  }
}

/**
 * Why `path` cannot receive the event, or undefined when it can. The directory must
 * already exist: a typo in `--emit` should fail, not create a new directory tree.
 */
export async function eventFileProblem(path: string, options: EmitFileOptions = {}): Promise<string | undefined> {
  const dir = dirname(path)
  try {
    if (!(await stat(dir)).isDirectory()) return `cannot write ${path}: ${dir} is not a directory`
  } catch {
    return `cannot write ${path}: directory ${dir} does not exist`
  }
  const problem = await outputFileProblem(path, { isOurs: isPreviousEvent, force: options.force === true })
  return problem?.message
}

/** Writes `event` to `path` by the rules above, so readers never see half an event and nothing is lost. */
export async function writeEventFile(
  path: string,
  event: SchedulePreparedEvent,
  options: EmitFileOptions = {},
): Promise<EmitFileResult> {
  const problem = await eventFileProblem(path, options)
  if (problem) return { ok: false, message: problem }
  const written = await writeOutputFile(path, `${JSON.stringify(event, null, 2)}\n`, {
    isOurs: isPreviousEvent,
    force: options.force === true,
  })
  return written.ok ? { ok: true } : { ok: false, message: written.message }
}
