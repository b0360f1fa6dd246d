/**
 * What the README and docs/cli.md say about the CLI, checked against the code it
 * describes: the CDN major `init` writes, the budget's cut order, the roster sources.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCHEMAS_PACKAGE, schemasPackageMajor, schemaUrlOf } from '../../contracts/package.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8')
const cliDoc = await readFile(join(PROJECT_ROOT, 'docs', 'cli.md'), 'utf8')

describe('README and docs/cli.md agree with the code', () => {
  it('every CDN URL of the schemas package pins the major init writes', () => {
    const pinned = [...`${readme}\n${cliDoc}`.matchAll(new RegExp(`${SCHEMAS_PACKAGE}@(\\d+)`, 'g'))].map((m) => m[1])
    expect(pinned.length).toBeGreaterThan(0)
    expect(new Set(pinned)).toEqual(new Set([String(schemasPackageMajor())]))
    expect(schemaUrlOf('schedule-manifest')).toContain(`@${schemasPackageMajor()}/`)
  })

  it("the README's cut order is prepare --help's (a fixed priority, not the largest first)", async () => {
    const help = (await runCliCaptured(['schedule', 'prepare', '--help'])).stdout.replace(/\s+/g, ' ')
    expect(help).toContain(
      'pointers are cut first, then the optimizer analysis, memory (oldest first), metrics, and the agent prompt last',
    )
    const text = readme.replace(/\s+/g, ' ')
    expect(text).not.toContain('largest sections first')
    expect(text).toContain(
      'pointers first, then the optimizer analysis, memory (oldest first), the metrics summary, and the agent prompt last',
    )
  })

  it('both name all three roster sources of discover', async () => {
    const help = (await runCliCaptured(['schedule', 'discover', '--help'])).stdout
    expect(help).toContain('Exactly one of --roster, --hub-url and --local.')
    expect(cliDoc).toContain('Exactly one of `--roster`, `--hub-url` and `--local` (else exit 2).')
    const row = readme.split('\n').find((line) => line.startsWith('| `schedule discover')) ?? ''
    for (const source of ['--roster FILE', '--hub-url URL', '--local DIR']) expect(row).toContain(source)
  })
})
