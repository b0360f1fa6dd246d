/** `schedule validate [--target DIR | FILE] [--format text|json]`. */
import { isAbsolute, relative } from 'node:path'
import type { Command } from 'commander'
import type { ValidationReport } from '../../../contracts/validation-report.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { type CliIo, colorsFor } from '../io.ts'
import { formatOption, targetDir } from '../options.ts'
import { writeDiagnostics } from '../report.ts'
import { findTarget } from '../target.ts'

const FORMATS = ['text', 'json'] as const

interface ValidateOptions {
  readonly target?: string
  readonly format: (typeof FORMATS)[number]
}

/** Registers `validate` on the `schedule` group. */
export function registerValidate(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('validate')
    .description('Validate .kaizen/schedule.yml (or FILE) and report every problem with file:line:col')
    .argument('[file]', 'a manifest file to validate instead of DIR/.kaizen/schedule.yml')
    .option('-t, --target <dir>', 'repository root (default: the current directory)')
    .option('-f, --format <format>', 'output format: text or json', formatOption(FORMATS), 'text')
    .action(async (file: string | undefined, options: ValidateOptions) => {
      done(await runValidate(io, file, options))
    })
}

async function runValidate(io: CliIo, file: string | undefined, options: ValidateOptions): Promise<number> {
  if (file !== undefined && options.target !== undefined)
    throw new UsageError('give either --target DIR or FILE, not both')
  // Loaded on use, so `--help` and the other commands do not pay for the YAML parser.
  const { readManifestFile, readRepoManifest } = await import('../../manifest/read.ts')
  let result: Awaited<ReturnType<typeof readRepoManifest>>
  if (file !== undefined) {
    result = await readManifestFile(targetDir(io.cwd, file), displayPath(io.cwd, file))
  } else {
    const target = await findTarget(io.cwd, options.target)
    if (!target.ok) {
      io.stderr.write(`error: ${target.message}\n`)
      return EXIT.invalid
    }
    result = await readRepoManifest(target.root)
  }
  const report: ValidationReport = {
    file: result.file,
    valid: result.ok,
    diagnostics: result.ok ? [] : [...result.diagnostics],
  }
  if (options.format === 'json') {
    const [{ assertContract }, { default: validateReport }] = await Promise.all([
      import('../contract-output.ts'),
      import('../../../generated/validators/validation-report.ts'),
    ])
    assertContract('validation-report', validateReport, report)
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  } else if (report.valid) {
    io.stdout.write(`${colorsFor(io, 'stdout').green('✓')} ${report.file} is valid\n`)
  } else {
    writeDiagnostics(io, report.file, report.diagnostics)
  }
  return report.valid ? EXIT.ok : EXIT.invalid
}

const displayPath = (cwd: string, file: string): string =>
  isAbsolute(file) ? file : relative(cwd, targetDir(cwd, file)) || file
