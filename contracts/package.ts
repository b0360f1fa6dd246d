/**
 * The schemas-only npm package published from `generated/`, and the CDN URLs that
 * serve its files. No imports: the runtime (`init`'s modeline) reads this without TypeBox.
 *
 * Versioning: the package major changes whenever any contract's major does (a breaking
 * change to one contract is a breaking change to the package); its minor when a contract
 * is added or changes compatibly. So a URL pinned to `@<major>` keeps serving the newest
 * schema its documents were written against, and never a schema that rejects them.
 */

/** The npm name of the schemas-only package. */
export const SCHEMAS_PACKAGE = 'kaizen-agentic-schedule-contracts'

/** Its version; bump as the module comment says (the integrator, when releasing contracts). */
export const SCHEMAS_PACKAGE_VERSION = '2.0.0'

/** A public npm CDN that serves any published file of any package version range. */
export const SCHEMA_CDN = 'https://cdn.jsdelivr.net/npm'

/** The major of the schemas package, the range every CDN URL pins. */
export const schemasPackageMajor = (): number => Number.parseInt(SCHEMAS_PACKAGE_VERSION.split('.')[0] ?? '0', 10)

/** The CDN URL of a file inside the schemas package (`path` relative to the package root). */
export const packageFileUrl = (path: string): string =>
  `${SCHEMA_CDN}/${SCHEMAS_PACKAGE}@${schemasPackageMajor()}/${path}`

/** The CDN URL of a contract's current published schema: what editors load. */
export const schemaUrlOf = (contractName: string): string => packageFileUrl(`schemas/${contractName}.schema.json`)
