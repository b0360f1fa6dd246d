/**
 * The generator pipeline, in order: registry → examples → JSON Schema → TypeScript
 * types → docs pages → index → ActivityDefinition drafts. Pure apart from reading example fixtures; returns
 * every file it would write, so writing and drift-checking share one source.
 */
import { ActivityDefinition } from '../../contracts/activity-definition.ts'
import { CONTRACTS, type Contract } from '../../contracts/index.ts'
import { ACTIVITY_DEFINITION_DRAFTS } from '../integrations/activity-definitions.ts'
import { ACTIVITY_DEFINITIONS_DIR, renderActivityDefinitionDrafts } from './activity-definitions.ts'
import { renderContractIndex, renderContractPage } from './docs.ts'
import { loadContractExamples } from './examples.ts'
import { formatJson, type JsonSchema, toJsonSchema } from './json-schema.ts'
import { renderSchemaIndex } from './schema-index.ts'
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
  'docs/contracts',
  ACTIVITY_DEFINITIONS_DIR,
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
  }
  artifacts.push({ path: 'docs/contracts/README.md', content: renderContractIndex(emitted) })
  artifacts.push({
    path: 'generated/schemas/index.ts',
    content: renderSchemaIndex(emitted.map((e) => e.contract.name)),
  })
  const activityDefinition = emitted.find((e) => e.contract.name === ActivityDefinition.name)
  if (activityDefinition) {
    artifacts.push(...renderActivityDefinitionDrafts(ACTIVITY_DEFINITION_DRAFTS, activityDefinition.schema))
  }
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
