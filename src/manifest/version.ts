/**
 * Stage 3 of loading: the version gate. Which version a manifest declares decides
 * how the rest is read, so an unsupported version stops validation right here.
 */
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { locate, type YamlSource } from './yaml-source.ts'

/** The manifest versions this build understands. */
export const SUPPORTED_VERSIONS: readonly number[] = [1]

/** What the gate found: go on (perhaps with a problem to report), or stop. */
export type VersionVerdict =
  | { readonly proceed: true; readonly diagnostic?: Diagnostic }
  | { readonly proceed: false; readonly diagnostic: Diagnostic }

const understood = (): string =>
  `this build understands version${SUPPORTED_VERSIONS.length === 1 ? '' : 's'} ${SUPPORTED_VERSIONS.join(', ')}`

/**
 * Checks `version`. Absent: the schema reports it. A number this build does not know:
 * stop. Not a number (`version: "1"`): report it and go on, so the rest is checked too.
 */
export function checkVersion(source: YamlSource, data: Record<string, unknown>): VersionVerdict {
  const version = data.version
  if (version === undefined) return { proceed: true }
  const at = locate(source, '/version')
  if (typeof version !== 'number') {
    const got =
      version === null ? 'nothing' : typeof version === 'string' ? `the string '${version}'` : JSON.stringify(version)
    const message = `version must be the number ${SUPPORTED_VERSIONS[0]}, written without quotes (\`version: ${SUPPORTED_VERSIONS[0]}\`); got ${got}`
    return { proceed: true, diagnostic: errorAt(source.file, at, '/version', 'version', message) }
  }
  if (!SUPPORTED_VERSIONS.includes(version)) {
    const message = `manifest version ${version} is not supported; ${understood()}`
    return { proceed: false, diagnostic: errorAt(source.file, at, '/version', 'version', message) }
  }
  return { proceed: true }
}
