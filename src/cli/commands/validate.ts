/** `schedule validate [--target DIR | FILE] [--format text|json]`. */
import { isAbsolute, relative } from 'node:path'
import type { Command } from 'commander'
import type { ValidationReport } from '../../../contracts/validation-report.ts'
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts'
import { readManifestFile, readRepoManifest } from '../../manifest/read.ts'
import { EXIT } from '../exit-codes.ts'
import { type CliIo, colorsFor } from '../io.ts'
import { formatOption, targetDir } from '../options.ts'

const FORMATS = ['text', 'json'] as const

/** Registers `validate` on the `schedule` group. */
export function registerValidate(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('validate')
    .description('Validate .kaizen/schedule.yml (or FILE) and report every problem with file:line:col')
    .argument('[file]', 'a manifest file to validate instead of DIR/.kaizen/schedule.yml')
    .option('-t, --target <dir>', 'repository root', '.')
    .option('-f, --format <format>', 'output format: text or json', formatOption(FORMATS), 'text')
    .action(async (file: string | undefined, options: { target: string; format: (typeof FORMATS)[number] }) => {
      const result = file
        ? await readManifestFile(targetDir(io.cwd, file), displayPath(io.cwd, file))
        : await readRepoManifest(targetDir(io.cwd, options.target))
      const report: ValidationReport = {
        file: result.file,
        valid: result.ok,
        diagnostics: result.ok ? [] : [...result.diagnostics],
      }
      if (options.format === 'json') {
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
      } else if (report.valid) {
        io.stdout.write(`${colorsFor(io, 'stdout').green('✓')} ${report.file} is valid\n`)
      } else {
        const c = colorsFor(io, 'stderr')
        for (const d of report.diagnostics) io.stderr.write(`${c.red('✖')} ${formatDiagnostic(d)}\n`)
        const n = report.diagnostics.length
        io.stderr.write(`${n} problem${n === 1 ? '' : 's'} in ${report.file}\n`)
      }
      done(report.valid ? EXIT.ok : EXIT.invalid)
    })
}

const displayPath = (cwd: string, file: string): string =>
  isAbsolute(file) ? file : relative(cwd, targetDir(cwd, file)) || file
