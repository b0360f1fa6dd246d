/**
 * vitest globalSetup: one esbuild bundle of the CLI (what `npm run build` makes) for the
 * whole run, shared by every file that runs the bundled binary instead of each bundling
 * its own. Tests read it with `bundledCli()` from test/helpers/bundled-cli.ts.
 */
import { rm } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { TestProject } from 'vitest/node'
import packageJson from '../../package.json' with { type: 'json' }
import { bundleCli } from '../../src/build/bundle-cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Inside the project, as dist/ is: the precompiled validators load Ajv's runtime helpers from node_modules.
  const outDir = join(PROJECT_ROOT, `.tmp-bundle-${process.pid}`)
  const metafile = await bundleCli(PROJECT_ROOT, outDir)
  // The bin path in package.json, relocated from dist/ into outDir.
  const bin = join(outDir, relative('dist', packageJson.bin['kaizen-agentic']))
  project.provide('bundledCli', { outDir, bin, metafile })
  return () => rm(outDir, { recursive: true, force: true })
}
