/** The contract pages' field tables: types and constraints as a reader needs them. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RELATIVE_PATH_PATTERN } from '../../contracts/constants.ts'
import { describeConstraints, describeType } from '../../src/codegen/docs.ts'
import type { JsonSchema } from '../../src/codegen/json-schema.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const published = async (name: string): Promise<JsonSchema> =>
  JSON.parse(await readFile(join(PROJECT_ROOT, 'generated/schemas', `${name}.schema.json`), 'utf8'))

describe('describeConstraints', () => {
  it('gives a map of strings the constraints of its values, not only of its keys', async () => {
    const manifest = await published('schedule-manifest')
    const pointers = (manifest.properties as Record<string, JsonSchema>).pointers as JsonSchema
    expect(describeType(pointers)).toBe('map of string')
    expect(describeConstraints(pointers)).toBe(
      `no other keys; keys match \`^[a-z][a-z0-9-]{0,62}$\`; values: pattern \`${RELATIVE_PATH_PATTERN}\`; min length \`1\`; max length \`1024\``,
    )
  })

  it('says nothing of the values of a map of objects: their fields have rows of their own', () => {
    const node: JsonSchema = {
      type: 'object',
      patternProperties: { '^x$': { type: 'object', properties: { a: { type: 'string', minLength: 1 } } } },
    }
    expect(describeConstraints(node)).toBe('keys match `^x$`')
  })
})
