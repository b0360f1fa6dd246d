/**
 * `npm run build`: the `kaizen-agentic` binary as an esbuild bundle. One entry file plus
 * chunks split at every dynamic `import()`, so a run still loads only the command it
 * runs (and the NATS client only for a `nats://` emit), but from a handful of files
 * instead of hundreds: module resolution, not code, dominated the cold start (see the
 * README's Performance section). Types are checked by `npm run check:type`, not here.
 */
import { rm } from 'node:fs/promises'
import { build, type Metafile } from 'esbuild'

/** The entry point, relative to the project root; its output path keeps the same relative path. */
export const CLI_ENTRY = 'src/cli/bin.ts'

/**
 * Bundled CommonJS packages (commander) and the precompiled validators (Ajv runtime
 * helpers) call `require`, which an ES module lacks; esbuild's shim needs a real one.
 */
const REQUIRE_BANNER =
  "import { createRequire as __kaizenCreateRequire } from 'node:module'; const require = __kaizenCreateRequire(import.meta.url);"

/** Bundles the CLI from `root` into `outDir` (emptied first); resolves to esbuild's account of what went where. */
export async function bundleCli(root: string, outDir: string): Promise<Metafile> {
  await rm(outDir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: [CLI_ENTRY],
    outdir: outDir,
    outbase: '.',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    // The validators reach Ajv's runtime helpers through their own `createRequire`, which
    // esbuild leaves alone: those few files load from node_modules (ajv is a dependency).
    logLevel: 'silent',
    metafile: true,
    // secretlint's profiler marks every rule of every scan in the process's performance
    // timeline: 20–30 ms of a bundled `prepare` (npm run bench) for a report nobody reads.
    alias: { '@secretlint/profiler': './src/bundle/secretlint-profiler-off.cjs' },
  })
  return result.metafile
}
