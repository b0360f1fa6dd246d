/** `npm run contracts:diff [-- --format text|json|markdown]`: the breaking-change gate (see `--help`). */
import { runDevScript } from '../src/cli/script.ts'

await runDevScript('contracts-diff')
