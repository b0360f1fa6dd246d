/** The repository a command works on: `--target DIR`, default the working directory. */
import { stat } from 'node:fs/promises'
import { targetDir } from './options.ts'

/** An existing target directory, or why it cannot be used. */
export type Target = { ok: true; root: string } | { ok: false; message: string }

/** Resolves `--target` against the working directory and checks that it is a directory. */
export async function findTarget(cwd: string, target: string | undefined): Promise<Target> {
  const root = targetDir(cwd, target)
  try {
    const info = await stat(root)
    return info.isDirectory() ? { ok: true, root } : { ok: false, message: `target ${root} is a file, not a directory` }
  } catch {
    return { ok: false, message: `target directory ${root} does not exist` }
  }
}
