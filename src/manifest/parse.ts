/**
 * Loading a manifest, as a pipeline of pure stages:
 * bytes → decode → YAML (positions kept) → version gate → schema → in-code rules.
 * Every problem comes back as a located diagnostic; nothing here throws on bad input.
 */
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import { type Diagnostic, errorAt, sortDiagnostics } from '../diagnostics/diagnostic.ts'
import { schemaErrors } from '../schema/validators.ts'
import { decodeManifestBytes } from './decode.ts'
import { manifestRuleDiagnostics } from './rules.ts'
import { schemaDiagnostics } from './schema-diagnostics.ts'
import { locate, parseYamlSource } from './yaml-source.ts'

/** The manifest versions this build understands. */
export const SUPPORTED_VERSIONS: readonly number[] = [1]

/** A loaded manifest, or everything wrong with it (sorted by position). */
export type ManifestResult =
  | { readonly ok: true; readonly file: string; readonly manifest: ScheduleManifest }
  | { readonly ok: false; readonly file: string; readonly diagnostics: readonly Diagnostic[] }

const failed = (file: string, diagnostics: readonly Diagnostic[]): ManifestResult => ({
  ok: false,
  file,
  diagnostics: sortDiagnostics(diagnostics),
})

/** Parses and validates manifest bytes; `file` is only used in diagnostics. */
export function parseManifest(bytes: Uint8Array, file: string, totalSize = bytes.length): ManifestResult {
  const decoded = decodeManifestBytes(bytes, file, totalSize)
  if (!decoded.ok) return failed(file, [decoded.diagnostic])
  return parseManifestText(decoded.text, file)
}

/** Parses and validates manifest text. */
export function parseManifestText(text: string, file: string): ManifestResult {
  const parsed = parseYamlSource(text, file)
  if (!parsed.ok) return failed(file, parsed.diagnostics)
  const { source } = parsed
  const data = source.data
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = data === null || data === undefined ? 'nothing' : Array.isArray(data) ? 'a list' : `a ${typeof data}`
    return failed(file, [
      errorAt(file, locate(source, ''), '', 'type', `the top level must be a mapping (version, agents, …); got ${got}`),
    ])
  }
  const version = (data as Record<string, unknown>).version
  if (version !== undefined && !SUPPORTED_VERSIONS.includes(version as number)) {
    const message = `manifest version ${JSON.stringify(version)} is not supported; this build understands version ${SUPPORTED_VERSIONS.join(', ')}`
    return failed(file, [errorAt(file, locate(source, '/version'), '/version', 'version', message)])
  }
  const problems = [
    ...schemaDiagnostics(source, schemaErrors('schedule-manifest', data)),
    ...manifestRuleDiagnostics(source, data as Record<string, unknown>),
  ]
  if (problems.length > 0) return failed(file, problems)
  return { ok: true, file, manifest: data as ScheduleManifest }
}
