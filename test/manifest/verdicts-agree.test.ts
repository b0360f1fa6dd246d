/**
 * The schema says what the runtime enforces: every manifest fixture (the contract's
 * examples and the validate corpus) gets the same verdict from `schedule validate`, Ajv
 * on the published schema, TypeBox on the contract and Python's jsonschema. The only
 * fixtures left out are those `validate` refuses before there is any data to give a
 * schema (YAML-level: bytes, syntax, duplicate keys, aliases, tags); they are listed, so
 * none is left out silently.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Compile } from 'typebox/compile'
import { beforeAll, describe, expect, it } from 'vitest'
import { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import { schemaFileOf } from '../../src/codegen/artifacts.ts'
import { parseManifestText } from '../../src/manifest/parse.ts'
import { parseYamlSource } from '../../src/manifest/yaml-source.ts'
import { createAjv } from '../../src/schema/ajv.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import {
  findPythonWithJsonschema,
  mustRunExternalTools,
  type PythonVerdict,
  validateWithPython,
} from '../helpers/python.ts'

/** Fixtures `validate` rejects at the YAML level, before the schema sees any data. */
const YAML_LEVEL = [
  'test/manifest/fixtures/invalid/alias-bomb.yml',
  'test/manifest/fixtures/invalid/duplicate-agent.yml',
  'test/manifest/fixtures/invalid/duplicate-key.yml',
  'test/manifest/fixtures/invalid/malformed-flow.yml',
  'test/manifest/fixtures/invalid/multi-document.yml',
  'test/manifest/fixtures/invalid/only-comments.yml',
  'test/manifest/fixtures/invalid/tab-indent.yml',
  'test/manifest/fixtures/invalid/undefined-alias.yml',
  'test/manifest/fixtures/invalid/unknown-tag.yml',
]

const DIRS = [
  'contracts/examples/schedule-manifest/valid',
  'contracts/examples/schedule-manifest/invalid',
  'test/manifest/fixtures/valid',
  'test/manifest/fixtures/invalid',
]

interface Case {
  readonly file: string
  readonly text: string
  readonly data: unknown
  readonly yamlLevel: boolean
}

const cases: Case[] = []
for (const dir of DIRS) {
  for (const name of (await readdir(join(PROJECT_ROOT, dir))).filter((f) => f.endsWith('.yml')).sort()) {
    const file = `${dir}/${name}`
    const text = await readFile(join(PROJECT_ROOT, file), 'utf8')
    const parsed = parseYamlSource(text, file)
    const yamlLevel = !parsed.ok || parsed.diagnostics.length > 0
    cases.push({ file, text, data: parsed.ok ? parsed.source.data : undefined, yamlLevel })
  }
}
const schemaPath = join(PROJECT_ROOT, schemaFileOf('schedule-manifest'))
const ajvCheck = createAjv().compile(JSON.parse(await readFile(schemaPath, 'utf8')))
const typeboxCheck = Compile(ScheduleManifest.schema)
const schemaCases = cases.filter((c) => !c.yamlLevel)

describe('manifest fixtures', () => {
  it('left out: exactly the YAML-level ones', () => {
    expect(cases.filter((c) => c.yamlLevel).map((c) => c.file)).toEqual(YAML_LEVEL)
  })

  it.each(schemaCases.map((c) => [c.file, c] as const))('%s: validate, Ajv and TypeBox agree', (_file, c) => {
    const verdict = parseManifestText(c.text, c.file).ok
    expect(ajvCheck(c.data), 'Ajv').toBe(verdict)
    expect(typeboxCheck.Check(c.data), 'TypeBox').toBe(verdict)
    // The fixture's folder says which verdict is right.
    expect(verdict).toBe(c.file.includes('/valid/'))
  })
})

describe('Python jsonschema agrees with validate on every manifest fixture', () => {
  const python = findPythonWithJsonschema()
  const skip = python === null && !mustRunExternalTools()
  let verdicts = new Map<string, PythonVerdict>()
  beforeAll(() => {
    if (skip) return
    if (python === null) throw new Error('CI=true but no python3 with jsonschema: apt-get install python3-jsonschema')
    verdicts = validateWithPython(
      python,
      schemaCases.map((c) => ({ id: c.file, schema: schemaPath, instance: c.data })),
    )
  })
  it.skipIf(skip).each(schemaCases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    expect(verdicts.get(c.file)?.valid).toBe(parseManifestText(c.text, c.file).ok)
  })
})
