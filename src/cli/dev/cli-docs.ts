/** `cli-docs [--check]`: regenerate the flag reference of docs/cli.md from the commander program. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Command } from 'commander'
import { writeFileAtomic } from '../../fs/atomic-write.ts'
import { cliReference, withReference } from '../cli-reference.ts'
import { EXIT } from '../exit-codes.ts'
import type { CliIo } from '../io.ts'
import { buildProgram } from '../program.ts'

/** Registers `cli-docs`. */
export function registerCliDocs(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('cli-docs')
    .description('Regenerate the flag reference in docs/cli.md from the kaizen-agentic program')
    .option('--check', 'write nothing; exit 1 when docs/cli.md is out of date')
    .option('--root <dir>', 'project root (default: the current directory)')
    .addHelpText('after', '\nExamples:\n  npx tsx scripts/cli-docs.ts\n  npx tsx scripts/cli-docs.ts --check')
    .action(async (options: { check?: boolean; root?: string }) => {
      const file = join(options.root ?? io.cwd, 'docs', 'cli.md')
      const current = await readFile(file, 'utf8')
      const full = await buildProgram(io, () => {})
      const next = withReference(current, cliReference(full))
      if (next === undefined) {
        io.stderr.write(`error: ${file} has no generated flag reference markers\n`)
        return done(EXIT.invalid)
      }
      if (next === current) {
        io.stdout.write('docs/cli.md is up to date\n')
        return done(EXIT.ok)
      }
      if (options.check) {
        io.stderr.write('error: docs/cli.md is out of date; run npx tsx scripts/cli-docs.ts\n')
        return done(EXIT.invalid)
      }
      await writeFileAtomic(file, next)
      io.stdout.write('wrote docs/cli.md\n')
      return done(EXIT.ok)
    })
}
