/** Throwaway repositories for CLI tests: a temp dir with the given files. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A temp repo; `dispose` removes it. */
export interface ScratchRepo {
  readonly root: string
  readonly dispose: () => Promise<void>
}

/** Creates a temp repo holding `files` (repo-relative path → content). */
export async function makeScratchRepo(files: Readonly<Record<string, string | Uint8Array>> = {}): Promise<ScratchRepo> {
  const root = await mkdtemp(join(tmpdir(), 'kaizen-repo-'))
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
  return { root, dispose: () => rm(root, { recursive: true, force: true }) }
}
