/** `npm run generate [-- --check]`: regenerate (or drift-check) everything derived from contracts/ (see `--help`). */
import { runDevScript } from '../src/cli/script.ts'

await runDevScript('generate')
