/** Throwaway repos on disk, the one temp-repo builder of the tests: `<base>/repo` is the root, `<base>` is "outside". */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A temp repo and the directory around it. */
export interface TempRepo {
  /** The directory holding the repo: files here are outside the repo root. */
  readonly base: string
  /** The repo root. */
  readonly root: string
  /** Writes a file under the root (parents created). */
  write(relativePath: string, content: string | Uint8Array): Promise<void>
  /** Creates a symlink at `relativePath` under the root pointing at `target` (absolute or relative). */
  link(relativePath: string, target: string): Promise<void>
  dispose(): Promise<void>
}

/** A manifest scheduling `coach` (weekly, Monday 09:00) and naming `optimization` disabled; no pointers. */
export const MANIFEST = `version: 1
timezone: Europe/Berlin
agents:
  coach:
    cadence: weekly
    day: mon
    time: "09:00"
  optimization:
    cadence: weekly
    enabled: false
`

/** Creates a temp repo holding `files` (repo-relative path → content). */
export async function makeRepo(files: Readonly<Record<string, string | Uint8Array>> = {}): Promise<TempRepo> {
  const base = await mkdtemp(join(tmpdir(), 'kaizen-repo-'))
  const root = join(base, 'repo')
  await mkdir(root)
  const write = async (relativePath: string, content: string | Uint8Array) => {
    const path = join(root, relativePath)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, content)
  }
  for (const [path, content] of Object.entries(files)) await write(path, content)
  return {
    base,
    root,
    write,
    link: async (relativePath, target) => {
      const path = join(root, relativePath)
      await mkdir(dirname(path), { recursive: true })
      await symlink(target, path)
    },
    dispose: () => rm(base, { recursive: true, force: true }),
  }
}

/** An execution record line. */
export const recordLine = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({
    agent: 'coach',
    success: true,
    time_s: 40,
    quality: 0.8,
    recorded_at: '2026-06-15T09:03:00Z',
    ...fields,
  })
