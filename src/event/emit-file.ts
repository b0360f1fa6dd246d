/** `--emit FILE`: the event as pretty JSON, written atomically into an existing directory. */
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { writeFileAtomic } from '../fs/atomic-write.ts'

/** Written, or why not; nothing is left behind on failure. */
export type EmitFileResult = { readonly ok: true } | { readonly ok: false; readonly message: string }

/**
 * Why `path` cannot receive the event, or undefined when it can. The directory must
 * already exist: a typo in `--emit` should fail, not create a new directory tree.
 */
export async function eventFileProblem(path: string): Promise<string | undefined> {
  const dir = dirname(path)
  try {
    if (!(await stat(dir)).isDirectory()) return `cannot write ${path}: ${dir} is not a directory`
  } catch {
    return `cannot write ${path}: directory ${dir} does not exist`
  }
  try {
    if ((await stat(path)).isDirectory()) return `cannot write ${path}: it is a directory`
  } catch {
    // Absent: it will be created.
  }
  return undefined
}

/** Writes `event` to `path` (temp file + rename), so readers never see half an event. */
export async function writeEventFile(path: string, event: SchedulePreparedEvent): Promise<EmitFileResult> {
  const problem = await eventFileProblem(path)
  if (problem) return { ok: false, message: problem }
  try {
    await writeFileAtomic(path, `${JSON.stringify(event, null, 2)}\n`)
    return { ok: true }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return { ok: false, message: `cannot write ${path} (${code})` }
  }
}
