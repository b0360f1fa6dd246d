/** A throwaway copy of the project (sources and generated files, node_modules linked) for tests that edit it. */
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from './project.ts'

const COPIED = ['package.json', 'tsconfig.json', 'contracts', 'src', 'scripts', 'generated', 'docs']

/** Copies the project into a temp dir; call the returned `dispose` when done. */
export async function copyProject(): Promise<{ root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'kaizen-project-'))
  for (const entry of COPIED) await cp(join(PROJECT_ROOT, entry), join(root, entry), { recursive: true })
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
  return { root, dispose: () => rm(root, { recursive: true, force: true }) }
}

/** Every file under `dir` with its content, for before/after comparisons. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile())
  const pairs = await Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name)
      return [path.slice(dir.length + 1), await readFile(path, 'utf8')] as const
    }),
  )
  return new Map(pairs)
}
