/**
 * `npm run build`: the `kaizen-agentic` binary as an esbuild bundle. One entry file plus
 * chunks split at every dynamic `import()`, so a run still loads only the command it
 * runs (and the NATS client only for a `nats://` emit), but from a handful of files
 * instead of hundreds: module resolution, not code, dominated the cold start (see the
 * README's Performance section). Types are checked by `npm run check:type`, not here.
 */
import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { build, type Metafile, type Plugin } from 'esbuild'

/** The entry point, relative to the project root; its output path keeps the same relative path. */
export const CLI_ENTRY = 'src/cli/bin.ts'

/**
 * Bundled CommonJS packages (commander) and the precompiled validators (Ajv runtime
 * helpers) call `require`, which an ES module lacks; esbuild's shim needs a real one.
 */
const REQUIRE_BANNER =
  "import { createRequire as __kaizenCreateRequire } from 'node:module'; const require = __kaizenCreateRequire(import.meta.url);"

/** The one module that loads the yaml library (synchronously, on first use). */
export const YAML_DOOR = 'src/manifest/yaml-library.cjs'

/** The yaml library's own file in the bundle, beside the chunk that holds the door. */
export const YAML_VENDOR_FILE = 'yaml.cjs'

/**
 * Leaves the yaml library out of the chunk that requires it: esbuild splits only at
 * `import()`, so a `require` would put yaml's 250 kB into the manifest chunk, compiled
 * by every `validate`, `list` and `prepare` although a valid plain manifest never calls
 * it. The door's `require('yaml')` becomes `require('./yaml.cjs')`, written beside it.
 */
const yamlOnItsOwn: Plugin = {
  name: 'yaml-on-its-own',
  setup(plugin) {
    plugin.onResolve({ filter: /^yaml$/ }, (args) =>
      args.importer.endsWith(YAML_DOOR) ? { path: `./${YAML_VENDOR_FILE}`, external: true } : undefined,
    )
  },
}

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
    plugins: [yamlOnItsOwn],
  })
  const doorDirs = new Set(
    Object.entries(result.metafile.outputs)
      .filter(([, output]) => Object.keys(output.inputs).includes(YAML_DOOR))
      .map(([file]) => dirname(file)),
  )
  for (const dir of doorDirs) {
    await build({
      absWorkingDir: root,
      entryPoints: ['yaml'],
      outfile: join(dir, YAML_VENDOR_FILE),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    })
  }
  return result.metafile
}
