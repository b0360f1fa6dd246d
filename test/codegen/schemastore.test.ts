/**
 * The SchemaStore contribution under generated/schemastore/, checked the way SchemaStore's
 * own `cli.js check` does: the schema compiles in Ajv strict mode (with ajv-formats) and
 * names its SchemaStore `$id`; every `src/test/<name>/` file validates and every
 * `src/negative_test/<name>/` file does not; each test file carries the modeline pointing
 * at the schema; the catalog entry matches `.kaizen/schedule.yml` and points at the `$id`.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadContractExamples } from '../../src/codegen/examples.ts'
import { SCHEMASTORE_DIR, SCHEMASTORE_NAME } from '../../src/codegen/schemastore.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default
const dir = join(PROJECT_ROOT, SCHEMASTORE_DIR)
const schema = JSON.parse(await readFile(join(dir, `src/schemas/json/${SCHEMASTORE_NAME}.json`), 'utf8'))
const entry = JSON.parse(await readFile(join(dir, 'catalog-entry.json'), 'utf8'))

async function testFiles(kind: 'test' | 'negative_test') {
  const folder = join(dir, 'src', kind, SCHEMASTORE_NAME)
  const names = (await readdir(folder)).sort()
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(folder, name), 'utf8') })))
}

/** SchemaStore's validator: strict mode on, formats asserted, every error reported. */
function schemaStoreAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats(ajv)
  return ajv
}

describe('the SchemaStore contribution', () => {
  const validate = schemaStoreAjv().compile(schema)

  it('is a strict-mode schema with its SchemaStore $id, and the catalog entry points at it', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toBe(`https://json.schemastore.org/${SCHEMASTORE_NAME}.json`)
    expect(entry).toEqual({
      name: 'kaizen-agentic schedule',
      description: schema.description,
      fileMatch: ['.kaizen/schedule.yml', '.kaizen/schedule.yaml'],
      url: schema.$id,
    })
  })

  it('accepts every positive test and carries every valid manifest example', async () => {
    const files = await testFiles('test')
    const { valid } = await loadContractExamples(PROJECT_ROOT, 'schedule-manifest')
    expect(files.map((f) => f.name)).toEqual(
      valid
        .map((f) =>
          f.file
            .split('/')
            .at(-1)
            ?.replace(/\.[^.]+$/, '.yml'),
        )
        .sort(),
    )
    for (const file of files) {
      expect(validate(parse(file.text)), `${file.name}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })

  it('rejects every negative test, each for the keyword its name ends in', async () => {
    const files = await testFiles('negative_test')
    const { invalid } = await loadContractExamples(PROJECT_ROOT, 'schedule-manifest')
    expect(files).toHaveLength(invalid.length)
    for (const file of files) {
      expect(validate(parse(file.text)), file.name).toBe(false)
      const keyword = file.name.split('.').at(-2)
      expect(
        validate.errors?.map((e) => e.keyword),
        file.name,
      ).toContain(keyword)
    }
  })

  it('starts every test file with the modeline SchemaStore expects', async () => {
    for (const file of [...(await testFiles('test')), ...(await testFiles('negative_test'))]) {
      expect(file.text.split('\n')[0], file.name).toBe(
        `# yaml-language-server: $schema=../../schemas/json/${SCHEMASTORE_NAME}.json`,
      )
    }
  })
})
