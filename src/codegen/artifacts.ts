/**
 * The generator pipeline, in order: registry → examples → JSON Schema → TypeScript
 * types → docs pages → precompiled validators → indexes. Pure apart from reading example fixtures; returns
 * every file it would write, so writing and drift-checking share one source.
 */
import { CONTRACTS, type Contract } from '../../contracts/index.ts'
import { renderContractIndex, renderContractPage } from './docs.ts'
import { loadContractExamples } from './examples.ts'
import { formatJson, type JsonSchema, toJsonSchema } from './json-schema.ts'
import { renderSchemaIndex } from './schema-index.ts'
import { renderValidatorIndex, toStandaloneValidator, validatorFileOf } from './standalone-validators.ts'
import { toTypeScript } from './typescript-types.ts'

/** One generated file: a project-relative path and its full content. */
export interface Artifact {
  readonly path: string
  readonly content: string
}

/** A contract with its emitted schema, as later stages and extensions see it. */
export interface EmittedContract {
  readonly contract: Contract
  readonly schema: JsonSchema
  readonly schemaFile: string
}

/** The directories generation owns; a file in them that no stage produces is stale. */
export const GENERATED_DIRS = [
  'generated/schemas',
  'generated/types',
  'generated/validators',
  'docs/contracts',
] as const

/** Where a contract's JSON Schema is published. */
export const schemaFileOf = (name: string): string => `generated/schemas/${name}.schema.json`

/** Emits the schemas of every registered contract, examples included. */
export async function emitSchemas(
  root: string,
  contracts: readonly Contract[] = CONTRACTS,
): Promise<EmittedContract[]> {
  return Promise.all(
    contracts.map(async (contract) => {
      const { valid } = await loadContractExamples(root, contract.name)
      if (valid.length === 0) throw new Error(`contract ${contract.name} has no valid example in contracts/examples/`)
      return {
        contract,
        schema: toJsonSchema(
          contract,
          valid.map((f) => f.data),
        ),
        schemaFile: schemaFileOf(contract.name),
      }
    }),
  )
}

/** Runs the whole pipeline and returns every artifact, sorted by path. */
export async function buildArtifacts(root: string, contracts: readonly Contract[] = CONTRACTS): Promise<Artifact[]> {
  const emitted = await emitSchemas(root, contracts)
  const artifacts: Artifact[] = []
  for (const { contract, schema, schemaFile } of emitted) {
    artifacts.push({ path: schemaFile, content: formatJson(schema) })
    artifacts.push({
      path: `generated/types/${contract.name}.ts`,
      content: await toTypeScript(contract.name, schema, schemaFile),
    })
    artifacts.push({
      path: `docs/contracts/${contract.name}.md`,
      content: renderContractPage(contract, schema, schemaFile),
    })
    artifacts.push({ path: validatorFileOf(contract.name), content: toStandaloneValidator(schema, schemaFile) })
  }
  artifacts.push({ path: 'docs/contracts/README.md', content: renderContractIndex(emitted) })
  artifacts.push({
    path: 'generated/schemas/index.ts',
    content: renderSchemaIndex(emitted.map((e) => e.contract.name)),
  })
  artifacts.push({
    path: 'generated/validators/index.ts',
    content: renderValidatorIndex(emitted.map((e) => e.contract.name)),
  })
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
