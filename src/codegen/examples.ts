/**
 * Loads the example documents that live next to each contract:
 * `contracts/examples/<contract>/valid/*` and `.../invalid/<why>.<keyword>.<ext>`.
 * An invalid fixture's name ends in the JSON Schema keyword it must fail on.
 */
import { readdir, readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { parse as parseYaml } from 'yaml'

/** One example document. */
export interface Fixture {
  /** Path relative to the project root. */
  readonly file: string
  /** The parsed document. */
  readonly data: unknown
  /** For invalid fixtures: the keyword the document must be rejected for. */
  readonly keyword?: string
}

/** The examples of one contract. */
export interface ContractExamples {
  readonly valid: readonly Fixture[]
  readonly invalid: readonly Fixture[]
}

/** Directory that holds a contract's examples, relative to the project root. */
export const examplesDirOf = (contractName: string): string => join('contracts', 'examples', contractName)

/** Parses a fixture body by its extension. */
export function parseFixture(file: string, text: string): unknown {
  const ext = extname(file)
  if (ext === '.json') return JSON.parse(text)
  if (ext === '.yml' || ext === '.yaml') return parseYaml(text)
  throw new Error(`unsupported fixture type: ${file}`)
}

/** The keyword an invalid fixture names: `cadence-hourly.enum.yml` → `enum`. */
export function keywordOf(file: string): string {
  const parts = file.split('.')
  const keyword = parts.at(-2)
  if (parts.length < 3 || !keyword) throw new Error(`invalid fixture ${file} must be named <why>.<keyword>.<ext>`)
  return keyword
}

async function readFixtures(root: string, dir: string, withKeyword: boolean): Promise<Fixture[]> {
  let names: string[]
  try {
    names = (await readdir(join(root, dir))).filter((name) => !name.startsWith('.')).sort()
  } catch {
    return []
  }
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name)
      let data: unknown
      try {
        data = parseFixture(file, await readFile(join(root, file), 'utf8'))
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`)
      }
      return withKeyword ? { file, data, keyword: keywordOf(name) } : { file, data }
    }),
  )
}

/** Reads every valid and invalid example of a contract. */
export async function loadContractExamples(root: string, contractName: string): Promise<ContractExamples> {
  const dir = examplesDirOf(contractName)
  const [valid, invalid] = await Promise.all([
    readFixtures(root, join(dir, 'valid'), false),
    readFixtures(root, join(dir, 'invalid'), true),
  ])
  return { valid, invalid }
}
