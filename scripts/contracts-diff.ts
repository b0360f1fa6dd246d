/** `npm run contracts:diff [-- --format text|json|markdown]`: the breaking-change gate. */
import pc from 'picocolors'
import { contractsDiff } from '../src/evolution/commands.ts'

const outcome = await contractsDiff(process.cwd(), process.argv.slice(2), { color: pc.isColorSupported })
process.stdout.write(outcome.stdout)
process.stderr.write(outcome.stderr)
process.exitCode = outcome.exitCode
