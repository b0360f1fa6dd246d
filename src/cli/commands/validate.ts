/** `schedule validate [FILE|DIR|GLOB|-]... [--target DIR] [--format text|json|github] [--strict]`. */
import { stat } from 'node:fs/promises'
import { isAbsolute, join, relative } from 'node:path'
import type { Command } from 'commander'
import type { Diagnostic, ValidationReport } from '../../../contracts/validation-report.ts'
import { EXIT, UsageError } from '../exit-codes.ts'
import { helpFooter } from '../help-text.ts'
import { type CliIo, colorsFor, messageLine, verboseLine } from '../io.ts'
import { formatOption, pathOption, targetDir } from '../options.ts'
import { writeDiagnostics } from '../report.ts'
import { displayFrom, findTargetOrDiscover } from '../target.ts'

const FORMATS = ['text', 'json', 'github'] as const

/** The name standard input goes by in messages and reports. */
export const STDIN_NAME = '<stdin>'

interface ValidateOptions {
  readonly target?: string
  readonly format: (typeof FORMATS)[number]
  readonly strict?: boolean
}

/** Registers `validate` on the `schedule` group. */
export function registerValidate(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('validate')
    .description('Validate .kaizen/schedule.yml (or each FILE, DIR, GLOB or - for stdin) and report every problem')
    .argument('[inputs...]', 'manifest files, repository directories, globs (quoted) or - for stdin')
    .option(
      '-t, --target <dir>',
      'repository root (default: the nearest directory up from here with a manifest)',
      pathOption('--target'),
    )
    .option('-f, --format <format>', 'output format: text, json or github (annotations)', formatOption(FORMATS), 'text')
    .option('--strict', 'treat warnings as errors (exit 1)')
    .addHelpText(
      'after',
      `
Without inputs, the manifest is looked for from the current directory upwards, up to the
repository root (a directory holding .git). A DIR is a repository root; a GLOB is matched
by the CLI (quote it), and an input matching no file is an error. Paths are shown relative
to the current directory when inside it; with --target DIR, relative to DIR (the repository
root: what --format github annotations need).

--format json prints the validation report (the validation-report contract); with several
inputs, one report per line (NDJSON), in input order. --format github prints GitHub Actions
annotations (::error file=…,line=…,col=…::message) on stdout.

` +
        helpFooter(
          [
            'kaizen-agentic schedule validate',
            'kaizen-agentic schedule validate services/*/ --format github',
            "kaizen-agentic schedule validate '**/.kaizen/schedule.yml' --strict",
            'cat schedule.yml | kaizen-agentic schedule validate -',
          ],
          'Exit 1 when any input is invalid or not found, or on a warning with --strict.',
        ),
    )
    .action(async (inputs: readonly string[], options: ValidateOptions) => {
      done(await runValidate(io, inputs, options))
    })
}

async function runValidate(io: CliIo, inputs: readonly string[], options: ValidateOptions): Promise<number> {
  if (inputs.length > 0 && options.target !== undefined)
    throw new UsageError('give either --target DIR or FILE, not both')
  // resolve('') is the working directory: an empty input (an unset variable) would validate whatever is here.
  if (inputs.includes('')) throw new UsageError('an input must not be empty: name a file, a directory, a glob or -')
  if (inputs.filter((input) => input === '-').length > 1) throw new UsageError('stdin (-) can be read only once')
  const reports: ValidationReport[] = []
  if (inputs.length === 0) {
    const target = await findTargetOrDiscover(io.cwd, options.target)
    if (!target.ok) {
      messageLine(io, 'error', target.message)
      return EXIT.invalid
    }
    // --target: paths relative to the repo, as before; discovered: relative to where we stand.
    reports.push(await validateRepo(io, target.root, options.target === undefined))
  } else {
    for (const input of inputs) reports.push(...(await validateInput(io, input)))
  }
  const verdicts = options.strict === true ? reports.map(strictly) : reports
  await writeReports(io, verdicts, options.format)
  return verdicts.some((report) => !report.valid) ? EXIT.invalid : EXIT.ok
}

/**
 * `--strict`: every warning is an error (as `-Werror` has it), so the text verdict, the
 * JSON report's `valid`, the GitHub annotation and `--quiet` all say what the exit code says.
 */
function strictly(report: ValidationReport): ValidationReport {
  if (!report.diagnostics.some((d) => d.severity === 'warning')) return report
  return {
    ...report,
    valid: false,
    diagnostics: report.diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d)),
  }
}

/** Every report one input yields: one per file (a glob may match several). */
async function validateInput(io: CliIo, input: string): Promise<ValidationReport[]> {
  const { MAX_MANIFEST_BYTES } = await import('../../manifest/decode.ts')
  if (input === '-') {
    const { parseManifest } = await import('../../manifest/parse.ts')
    verboseLine(io, 'manifest: read from stdin')
    const bytes = (await io.readStdin?.(MAX_MANIFEST_BYTES)) ?? new Uint8Array()
    return [reportOf(parseManifest(bytes.subarray(0, MAX_MANIFEST_BYTES), STDIN_NAME, bytes.length))]
  }
  const path = targetDir(io.cwd, input)
  const info = await stat(path).catch(() => undefined)
  if (info?.isDirectory()) return [await validateRepo(io, path, true)]
  if (info === undefined && isGlob(input)) {
    const { glob } = await import('tinyglobby')
    const matches = (await glob(input, { cwd: io.cwd, absolute: true, dot: true, onlyFiles: true })).sort()
    if (matches.length === 0) return [notFound(input, `no file matches ${input}`)]
    return Promise.all(matches.map((match) => validateFile(io, match)))
  }
  return [await validateFile(io, path)]
}

const isGlob = (input: string): boolean => /[*?[\]{}]/.test(input)

async function validateFile(io: CliIo, path: string): Promise<ValidationReport> {
  // Loaded on use, so `--help` and the other commands do not pay for the YAML parser.
  const { readManifestFile } = await import('../../manifest/read.ts')
  verboseLine(io, `manifest: ${path}`)
  return reportOf(await readManifestFile(path, displayFrom(io.cwd, path)))
}

/**
 * A repository's manifest. `fromCwd`: its paths shown from the working directory (inside
 * it, or `../…` when the repo root is above it); otherwise relative to the repo root.
 */
async function validateRepo(io: CliIo, root: string, fromCwd: boolean): Promise<ValidationReport> {
  const { readRepoManifest } = await import('../../manifest/read.ts')
  const result = await readRepoManifest(root)
  verboseLine(io, `repository root: ${root}`)
  verboseLine(
    io,
    'missing' in result && result.missing ? `manifest: none found in ${root}` : `manifest: ${join(root, result.file)}`,
  )
  const above = relative(root, io.cwd)
  const isAncestor = above !== '' && !above.startsWith('..') && !isAbsolute(above)
  const shownOf = (repoRelative: string): string => {
    if (!fromCwd) return repoRelative
    const absolute = join(root, repoRelative)
    return isAncestor ? relative(io.cwd, absolute) : displayFrom(io.cwd, absolute)
  }
  const report = reportOf(result)
  const warnings = result.ok ? await warningsOf(root, result.file, result.manifest) : []
  return {
    file: shownOf(report.file),
    valid: report.valid,
    diagnostics: [...report.diagnostics, ...warnings].map((d) =>
      isAbsolute(d.file) ? d : { ...d, file: shownOf(d.file) },
    ),
  }
}

/** The warnings of a valid manifest in its repository (`--strict` turns them into exit 1). */
async function warningsOf(root: string, file: string, manifest: unknown): Promise<Diagnostic[]> {
  const { manifestWarnings } = await import('../manifest-warnings.ts')
  return manifestWarnings(root, file, manifest as Parameters<typeof manifestWarnings>[2])
}

function reportOf(result: {
  readonly ok: boolean
  readonly file: string
  readonly diagnostics?: readonly Diagnostic[]
}): ValidationReport {
  return { file: result.file, valid: result.ok, diagnostics: result.ok ? [] : [...(result.diagnostics ?? [])] }
}

function notFound(input: string, message: string): ValidationReport {
  const diagnostic: Diagnostic = {
    file: input,
    line: 1,
    column: 1,
    path: '',
    keyword: 'not-found',
    severity: 'error',
    message,
  }
  return { file: input, valid: false, diagnostics: [diagnostic] }
}

async function writeReports(
  io: CliIo,
  reports: readonly ValidationReport[],
  format: (typeof FORMATS)[number],
): Promise<void> {
  if (format === 'json') {
    const [{ assertContract }, { default: validateReport }] = await Promise.all([
      import('../contract-output.ts'),
      import('../../../generated/validators/validation-report.ts'),
    ])
    for (const report of reports) assertContract('validation-report', validateReport, report)
    // One input: the report as before. Several: NDJSON, one report (one contract instance) per line.
    if (reports.length === 1) io.stdout.write(`${JSON.stringify(reports[0], null, 2)}\n`)
    else for (const report of reports) io.stdout.write(`${JSON.stringify(report)}\n`)
    return
  }
  if (format === 'github') {
    const { githubAnnotation } = await import('../github-annotations.ts')
    for (const report of reports) for (const d of report.diagnostics) io.stdout.write(`${githubAnnotation(d)}\n`)
    return
  }
  const c = colorsFor(io, 'stdout')
  for (const report of reports) {
    if (report.valid && report.diagnostics.length === 0) io.stdout.write(`${c.green('✓')} ${report.file} is valid\n`)
    else if (report.valid) {
      writeDiagnostics(io, report.file, report.diagnostics)
      io.stdout.write(`${c.green('✓')} ${report.file} is valid (with warnings)\n`)
    } else writeDiagnostics(io, report.file, report.diagnostics)
  }
  const invalid = reports.filter((r) => !r.valid).length
  if (reports.length > 1 && invalid > 0) io.stderr.write(`${invalid} of ${reports.length} files invalid\n`)
}
