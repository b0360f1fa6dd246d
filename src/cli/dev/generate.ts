/** `npm run generate [-- --check]`: regenerate (or drift-check) everything derived from contracts/. */
import type { Command } from 'commander'
import { describeGenerateResult, generate } from '../../codegen/generate.ts'
import { EXIT } from '../exit-codes.ts'
import type { CliIo } from '../io.ts'

/** Registers `generate`. */
export function registerGenerate(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('generate')
    .description('Regenerate schemas, types, docs, validators, catalog and AsyncAPI from contracts/')
    .option('--check', 'write nothing; exit 1 when a generated file is out of date or stale')
    .addHelpText('after', '\nExamples:\n  npm run generate\n  npm run generate -- --check')
    .action(async (options: { check?: boolean }) => {
      const check = options.check === true
      let report: { text: string; ok: boolean }
      try {
        report = describeGenerateResult(await generate(io.cwd, { check }), check)
      } catch (error) {
        // A bad contract, fixture or draft source is an input error: one line (runProgram adds the stack under KAIZEN_DEBUG).
        throw new Error(`generate failed: ${(error as Error).message}`, { cause: error })
      }
      ;(report.ok ? io.stdout : io.stderr).write(`${report.text}\n`)
      done(report.ok ? EXIT.ok : EXIT.invalid)
    })
}
