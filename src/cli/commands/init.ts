/** `schedule init [--target DIR] [--agents coach,optimization] [--force]`. */
import { join } from 'node:path'
import { type Command, Option } from 'commander'
import { schemaUrlOf } from '../../../contracts/package.ts'
import { EXIT } from '../exit-codes.ts'
import { helpFooter } from '../help-text.ts'
import { type CliIo, colorsFor, messageLine } from '../io.ts'
import { agentList, pathOption } from '../options.ts'
import { writeDiagnostics } from '../report.ts'
import { discoverInitRoot, displayFrom, findTarget } from '../target.ts'

/** The agents a new manifest schedules unless told otherwise: the two the ActivityDefinition drafts run. */
const DEFAULT_AGENTS = ['coach', 'optimization'] as const

interface InitOptions {
  readonly target?: string
  readonly agents: readonly string[]
  readonly force?: boolean
}

/**
 * `--agents a --agents b` schedules both: commander hands each occurrence the previous
 * value, which is the default (the same array) on the first one, so that is replaced and
 * later ones are added to.
 */
function collectAgents(value: string, previous: readonly string[]): string[] {
  const names = agentList(value)
  return previous === DEFAULT_AGENTS ? names : [...new Set([...previous, ...names])]
}

/** Registers `init` on the `schedule` group. */
export function registerInit(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('init')
    .description('Write a commented .kaizen/schedule.yml that opts the repository in (never over an existing one)')
    .option(
      '-t, --target <dir>',
      'repository root (default: the repository this directory is in: the nearest one up holding a manifest or .git, else this one)',
      pathOption('--target'),
    )
    .addOption(
      // The default in words: commander would print the array as JSON, after the description.
      new Option('-a, --agents <names>', 'comma-separated agent names, repeatable')
        .argParser(collectAgents)
        .default(DEFAULT_AGENTS, DEFAULT_AGENTS.join(',')),
    )
    .option(
      '--force',
      'replace an existing manifest, keeping the old one as .bak (.bak.1, … when taken; no backup is overwritten)',
    )
    .addHelpText(
      'after',
      helpFooter(
        [
          'kaizen-agentic schedule init',
          'kaizen-agentic schedule init --agents coach,optimizer --target ~/src/acme-service',
          'kaizen-agentic schedule init --force',
        ],
        'Exit 1 when a manifest already exists (without --force) or cannot be written.',
      ),
    )
    .action(async (options: InitOptions) => {
      done(await runInit(io, options))
    })
}

async function runInit(io: CliIo, options: InitOptions): Promise<number> {
  const target = await findTarget(io.cwd, options.target ?? (await discoverInitRoot(io.cwd)))
  if (!target.ok) {
    messageLine(io, 'error', target.message)
    return EXIT.invalid
  }
  const [{ renderManifestScaffold }, { writeRepoManifest }, { readManifestFile }] = await Promise.all([
    import('../../manifest/scaffold.ts'),
    import('../../manifest/write.ts'),
    import('../../manifest/read.ts'),
  ])
  // The CDN copy, not the canonical `$id`: an editor can fetch it (nothing serves the `$id` host).
  const text = renderManifestScaffold({ agents: options.agents, schemaId: schemaUrlOf('schedule-manifest') })
  const written = await writeRepoManifest(target.root, text, { force: options.force === true })
  if (!written.ok) {
    if (written.diagnostics) writeDiagnostics(io, written.file, written.diagnostics)
    messageLine(io, 'error', written.message)
    return EXIT.invalid
  }
  // Read back through the loader `validate` uses: what is on disk is what gets checked.
  const check = await readManifestFile(join(target.root, written.file), written.file)
  if (!check.ok) {
    writeDiagnostics(io, check.file, check.diagnostics)
    return EXIT.invalid
  }
  const c = colorsFor(io, 'stdout')
  // --target: the path in the repo, as validate shows it; found from here: where it is from here.
  const shown = options.target === undefined ? displayFrom(io.cwd, join(target.root, written.file)) : written.file
  io.stdout.write(`${c.green('✓')} wrote ${shown} (agents: ${options.agents.join(', ')}); it is valid\n`)
  if (written.backup) io.stdout.write(`  the previous manifest is kept as ${written.backup}\n`)
  io.stdout.write('  next: kaizen-agentic schedule list\n')
  return EXIT.ok
}
