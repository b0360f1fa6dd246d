/** `local-roster DIR... [--host NAME]`: a roster of the checkouts under DIR, without state-hub. */
import { hostname } from 'node:os'
import type { Command } from 'commander'
import { readLocalRoster } from '../../discover/local-roster.ts'
import { EXIT } from '../exit-codes.ts'
import { type CliIo, colorsFor } from '../io.ts'

/** Registers `local-roster`. */
export function registerLocalRoster(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('local-roster')
    .description(
      "Print a roster (state-hub's GET /repos/ shape) with one entry per subdirectory of each DIR, for this host",
    )
    .argument('[dirs...]', 'directories holding checkouts side by side (default: .)')
    .option('--host <name>', 'host name the paths belong to (default: this machine)')
    .addHelpText(
      'after',
      '\nExamples:\n  npx tsx scripts/local-roster.ts examples > /tmp/roster.json\n  npx tsx scripts/discover.ts --roster /tmp/roster.json',
    )
    .action(async (dirs: string[], options: { host?: string }) => {
      const result = await readLocalRoster(dirs.length > 0 ? dirs : ['.'], options.host ?? hostname(), io.cwd)
      if (!result.ok) {
        io.stderr.write(`${colorsFor(io, 'stderr').red('error:')} ${result.message}\n`)
        return done(EXIT.invalid)
      }
      for (const path of result.ignored) io.stderr.write(`note: ${path} left out: its name is not a repo slug\n`)
      io.stdout.write(`${JSON.stringify(result.roster, null, 2)}\n`)
      return done(EXIT.ok)
    })
}
