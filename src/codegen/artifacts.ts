/**
 * The generator pipeline, in order: registry → examples → JSON Schema → TypeScript
 * types → docs pages → precompiled validators → indexes → schema catalog → AsyncAPI
 * document → Python and Go bindings → schemas-only package → SchemaStore contribution →
 * ActivityDefinition drafts. Pure apart from reading example fixtures; returns every file it would
 * write, so writing and drift-checking share one source.
 */
import { basename } from 'node:path'
import { ActivityDefinition } from '../../contracts/activity-definition.ts'
import { CONTRACTS, type Contract } from '../../contracts/index.ts'
import { SCHEMAS_PACKAGE_VERSION } from '../../contracts/package.ts'
import { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import {
  CloudEventHeaders,
  SchedulePreparedEvent,
  StructuredCloudEvent,
} from '../../contracts/schedule-prepared-event.ts'
import { ACTIVITY_DEFINITION_DRAFTS } from '../integrations/activity-definitions.ts'
import { formatJson } from '../schema/format-json.ts'
import { ACTIVITY_DEFINITIONS_DIR, renderActivityDefinitionDrafts } from './activity-definitions.ts'
import { ASYNCAPI_FILE, renderAsyncApi } from './asyncapi.ts'
import { CATALOG_FILE, renderCatalog } from './catalog.ts'
import { renderContractIndex, renderContractPage } from './docs.ts'
import { type Fixture, loadContractExamples } from './examples.ts'
import { renderGoBindings } from './go-bindings.ts'
import { type JsonSchema, toJsonSchema } from './json-schema.ts'
import { renderPythonBindings } from './python-bindings.ts'
import { renderSchemaIndex } from './schema-index.ts'
import { renderSchemasPackage } from './schemas-package.ts'
import { renderSchemaStore } from './schemastore.ts'
import {
  CLOUD_EVENT_HEADERS_VALIDATOR_FILE,
  renderValidatorIndex,
  STRUCTURED_CLOUD_EVENT_VALIDATOR_FILE,
  toStandaloneValidator,
  validatorFileOf,
} from './standalone-validators.ts'
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
  /** The contract's valid example documents. */
  readonly examples: readonly Fixture[]
}

/** The directories generation owns; a file in them that no stage produces is stale. */
export const GENERATED_DIRS = ['generated', 'docs/contracts', ACTIVITY_DEFINITIONS_DIR] as const

/**
 * Directories inside GENERATED_DIRS that generation must never touch: released schema
 * snapshots are written once by `npm run release-contracts` and are not regenerated.
 */
export const PRESERVED_DIRS = ['generated/releases'] as const

/** The event example the AsyncAPI document shows: the payload of the seed event spec. */
const SEED_EVENT_EXAMPLE = 'seed-example.json'

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
        examples: valid,
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
  artifacts.push({ path: CATALOG_FILE, content: renderCatalog(emitted) })
  const event = emitted.find((e) => e.contract.name === SchedulePreparedEvent.name)
  if (event) artifacts.push({ path: ASYNCAPI_FILE, content: renderAsyncApi(asyncApiInputOf(event)) })
  // Not a contract of its own, but the emitter checks headers against it: precompiled like
  // the contracts, so the runtime never loads TypeBox to compile it.
  artifacts.push({
    path: CLOUD_EVENT_HEADERS_VALIDATOR_FILE,
    content: toStandaloneValidator(
      JSON.parse(JSON.stringify(CloudEventHeaders)) as JsonSchema,
      'contracts/schedule-prepared-event.ts (CloudEventHeaders)',
    ),
  })
  artifacts.push({
    path: STRUCTURED_CLOUD_EVENT_VALIDATOR_FILE,
    content: toStandaloneValidator(
      JSON.parse(JSON.stringify(StructuredCloudEvent)) as JsonSchema,
      'contracts/schedule-prepared-event.ts (StructuredCloudEvent)',
    ),
  })
  artifacts.push({
    path: 'generated/validators/index.ts',
    content: renderValidatorIndex(emitted.map((e) => e.contract.name)),
  })
  // Consumers beyond TypeScript: bindings, the schemas-only package, the SchemaStore contribution.
  const bindings = emitted.map((e) => ({
    name: e.contract.name,
    schema: e.schema,
    schemaFile: e.schemaFile,
    content: formatJson(e.schema),
    examples: e.examples,
  }))
  artifacts.push(...renderPythonBindings(bindings, SCHEMAS_PACKAGE_VERSION))
  artifacts.push(...renderGoBindings(bindings))
  artifacts.push(...renderSchemasPackage(emitted.map((e) => e.contract.name)))
  const manifest = emitted.find((e) => e.contract.name === ScheduleManifest.name)
  if (manifest) {
    const { invalid } = await loadContractExamples(root, manifest.contract.name)
    artifacts.push(...renderSchemaStore(manifest, invalid))
  }
  const activityDefinition = emitted.find((e) => e.contract.name === ActivityDefinition.name)
  if (activityDefinition) {
    artifacts.push(...renderActivityDefinitionDrafts(ACTIVITY_DEFINITION_DRAFTS, activityDefinition.schema))
  }
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function asyncApiInputOf(event: EmittedContract) {
  const seed = event.examples.find((f) => basename(f.file) === SEED_EVENT_EXAMPLE)
  if (!seed)
    throw new Error(`contract ${event.contract.name} has no valid/${SEED_EVENT_EXAMPLE} for the AsyncAPI example`)
  return { contract: event.contract, schema: event.schema, example: seed.data as JsonSchema }
}
