/** `npx tsx scripts/local-roster.ts DIR... [--host NAME]`: a roster of local checkouts, for `scripts/discover.ts --roster` (see `--help`). */
import { runDevScript } from '../src/cli/script.ts'

await runDevScript('local-roster')
