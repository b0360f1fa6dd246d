/**
 * The schemas-only package's version, where it is written down three times: in
 * `contracts/package.ts` (the source), `generated/package.json` (generated from it) and
 * the CLI's dependency range. And a floor for forgetting the major bump that a contract's
 * major bump requires: editors' CDN URLs pin the package major (`@1`), so a package that
 * stayed at 1 while the manifest went to 2 would hand v1 manifests a v2 schema.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { majorOf } from '../../contracts/common.ts'
import { CONTRACTS } from '../../contracts/index.ts'
import { SCHEMAS_PACKAGE, SCHEMAS_PACKAGE_VERSION, schemasPackageMajor } from '../../contracts/package.ts'
import { SCHEMAS_PACKAGE_JSON } from '../../src/codegen/schemas-package.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const readJson = async (path: string) => JSON.parse(await readFile(join(PROJECT_ROOT, path), 'utf8'))

describe('the schemas package version', () => {
  it('is the same in contracts/package.ts, generated/package.json and the CLI dependency range', async () => {
    const generated = await readJson(SCHEMAS_PACKAGE_JSON)
    const cli = await readJson('package.json')
    expect(generated.name).toBe(SCHEMAS_PACKAGE)
    expect(generated.version).toBe(SCHEMAS_PACKAGE_VERSION)
    expect(cli.dependencies[SCHEMAS_PACKAGE]).toBe(`^${schemasPackageMajor()}.0.0`)
    expect(cli.workspaces).toEqual(['generated'])
  })

  it('has a major no lower than any contract major (bump it with every contract major: contracts/package.ts)', () => {
    const highest = Math.max(...CONTRACTS.map((c) => majorOf(c.version)))
    const behind = CONTRACTS.filter((c) => majorOf(c.version) > schemasPackageMajor()).map(
      (c) => `${c.name} ${c.version}`,
    )
    expect(behind, `raise SCHEMAS_PACKAGE_VERSION to at least ${highest}.0.0`).toEqual([])
  })
})
