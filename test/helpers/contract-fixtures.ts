/** Every contract with its published schema and its fixtures, loaded once per test file. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CONTRACTS, type Contract } from '../../contracts/index.ts'
import { schemaFileOf } from '../../src/codegen/artifacts.ts'
import { type ContractExamples, loadContractExamples } from '../../src/codegen/examples.ts'
import type { JsonSchema } from '../../src/codegen/json-schema.ts'
import { PROJECT_ROOT } from './project.ts'

/** A contract, its committed schema and its examples. */
export interface LoadedContract {
  readonly contract: Contract
  readonly schemaPath: string
  readonly schema: JsonSchema
  readonly examples: ContractExamples
}

/** Loads every registered contract with its committed schema file and examples. */
export async function loadContracts(): Promise<LoadedContract[]> {
  return Promise.all(
    CONTRACTS.map(async (contract) => {
      const schemaPath = join(PROJECT_ROOT, schemaFileOf(contract.name))
      const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as JsonSchema
      return { contract, schemaPath, schema, examples: await loadContractExamples(PROJECT_ROOT, contract.name) }
    }),
  )
}
