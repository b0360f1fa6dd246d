/** `npm run release-contracts [-- --dry-run]`: snapshot every contract version not yet released. */
import { releaseContracts } from '../src/evolution/commands.ts'

const outcome = await releaseContracts(process.cwd(), process.argv.slice(2))
process.stdout.write(outcome.stdout)
process.stderr.write(outcome.stderr)
process.exitCode = outcome.exitCode
