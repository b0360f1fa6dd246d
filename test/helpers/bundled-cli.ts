/** The CLI bundle built once per run by test/setup/bundle-cli.ts (a vitest globalSetup). */
import type { Metafile } from 'esbuild'
import { inject } from 'vitest'

/** Where the bundle is and what esbuild put where. */
export interface BundledCli {
  /** The temp outDir standing in for dist/ (inside the project). */
  readonly outDir: string
  /** The `kaizen-agentic` entry file, package.json's bin path relocated into `outDir`. */
  readonly bin: string
  readonly metafile: Metafile
}

declare module 'vitest' {
  export interface ProvidedContext {
    bundledCli: BundledCli
  }
}

/** The run's bundled CLI. */
export const bundledCli = (): BundledCli => inject('bundledCli')
