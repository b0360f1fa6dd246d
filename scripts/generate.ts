/** `npm run generate [-- --check]`: regenerate (or drift-check) everything derived from contracts/. */
import { describeGenerateResult, generate } from '../src/codegen/generate.ts'

const check = process.argv.includes('--check')
try {
  const report = describeGenerateResult(await generate(process.cwd(), { check }), check)
  ;(report.ok ? console.log : console.error)(report.text)
  process.exitCode = report.ok ? 0 : 1
} catch (error) {
  // A bad contract, fixture or draft source is an input error: one line, no stack (KAIZEN_DEBUG shows it).
  console.error(`generate failed: ${(error as Error).message}`)
  if (process.env.KAIZEN_DEBUG) console.error((error as Error).stack)
  process.exitCode = 1
}
