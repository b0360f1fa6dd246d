/** `npm run release-contracts [-- --dry-run]`: snapshot every contract version not yet released (see `--help`). */
import { runDevScript } from '../src/cli/script.ts'

await runDevScript('release-contracts')
