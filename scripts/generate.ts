/** `npm run generate [-- --check]`: regenerate (or drift-check) everything derived from contracts/. */
import { describeGenerateResult, generate } from '../src/codegen/generate.ts'

const check = process.argv.includes('--check')
const result = await generate(process.cwd(), { check })
const report = describeGenerateResult(result, check)
;(report.ok ? console.log : console.error)(report.text)
process.exitCode = report.ok ? 0 : 1
