/** `npx tsx scripts/cli-docs.ts [--check]`: regenerate the flag reference of docs/cli.md (see `--help`). */
import { runDevScript } from '../src/cli/script.ts'

await runDevScript('cli-docs')
