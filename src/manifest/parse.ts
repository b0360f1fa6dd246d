/**
 * Loading a manifest, as a pipeline of pure stages:
 * bytes → decode → YAML (guards, positions kept) → version gate → schema → runtime check (tz data).
 * Every problem comes back as a located diagnostic, all of them at once, sorted by
 * position; nothing here throws on bad input.
 */
import type { ErrorObject } from 'ajv'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import type { PrecompiledValidator } from '../../generated/validators/index.ts'
import validateManifestSchema from '../../generated/validators/schedule-manifest.ts'
import { type Diagnostic, errorAt, sortDiagnostics } from '../diagnostics/diagnostic.ts'
import { decodeManifestBytes } from './decode.ts'
import { errorsInsideMisnamedEntries } from './misnamed-keys.ts'
import { parsePlainYaml } from './plain-yaml.ts'
import { manifestRuleDiagnostics } from './rules.ts'
import { schemaDiagnostics } from './schema-diagnostics.ts'
import { checkVersion, SUPPORTED_VERSIONS } from './version.ts'
import { locate, parseYamlSource, type YamlSource } from './yaml-source.ts'

export { SUPPORTED_VERSIONS } from './version.ts'

/** A loaded manifest, or everything wrong with it (sorted by position). */
export type ManifestResult =
  | { readonly ok: true; readonly file: string; readonly manifest: ScheduleManifest }
  | { readonly ok: false; readonly file: string; readonly diagnostics: readonly Diagnostic[] }

// Only the manifest's own precompiled validator: loading all of them would cost start-up time for nothing.
const validateSchema: PrecompiledValidator = validateManifestSchema

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
  return validPlainManifest(text, file) ?? parseWithPositions(text, file)
}

/**
 * The fast path: plain YAML (see plain-yaml.ts) that passes the version gate, the schema
 * and the rules is the manifest. Anything else — YAML the fast reader declines, or a
 * manifest with a problem — returns undefined and goes through the positioned loader,
 * so every diagnostic still carries its line and column.
 */
function validPlainManifest(text: string, file: string): ManifestResult | undefined {
  const data = parsePlainYaml(text)
  if (data === undefined || typeof data.version !== 'number' || !SUPPORTED_VERSIONS.includes(data.version)) {
    return undefined
  }
  if (!validateSchema(data)) return undefined
  // Positions are computed only if a rule asks for one, i.e. only when it has a problem to report.
  let positioned: YamlSource | undefined
  const withPositions = (): YamlSource => {
    if (positioned) return positioned
    const parsed = parseYamlSource(text, file)
    // Cannot happen (the fast path reads a subset of what the loader accepts); if it did,
    // the loader below would report why.
    if (!parsed.ok) throw new Error('the loader rejects it')
    positioned = parsed.source
    return positioned
  }
  const source: YamlSource = {
    file,
    data,
    get doc() {
      return withPositions().doc
    },
    get lines() {
      return withPositions().lines
    },
  }
  try {
    if (manifestRuleDiagnostics(source, data).length > 0) return undefined
  } catch {
    return undefined
  }
  return { ok: true, file, manifest: data as unknown as ScheduleManifest }
}

/** The positioned loader: every guard, and every problem located. */
function parseWithPositions(text: string, file: string): ManifestResult {
  const parsed = parseYamlSource(text, file)
  if (!parsed.ok) return failed(file, parsed.diagnostics)
  const { source } = parsed
  const data = source.data
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = Array.isArray(data) ? 'a list' : `a ${typeof data}`
    return failed(file, [
      errorAt(file, locate(source, ''), '', 'type', `the top level must be a mapping (version, agents, …); got ${got}`),
    ])
  }
  const record = data as Record<string, unknown>
  const version = checkVersion(source, record)
  if (!version.proceed) return failed(file, [...parsed.diagnostics, version.diagnostic])
  // The gate has said what is wrong with a non-numeric version; the schema would only repeat it.
  const topErrors = (validateSchema(data) ? [] : [...(validateSchema.errors ?? [])]).filter(
    (error: ErrorObject) => !(version.diagnostic && error.instancePath === '/version'),
  )
  // Every problem in one pass: also those inside an agent whose name the schema refuses.
  const schemaErrors = [...topErrors, ...errorsInsideMisnamedEntries(validateSchema, record, topErrors)]
  const problems = [
    ...parsed.diagnostics,
    ...(version.diagnostic ? [version.diagnostic] : []),
    ...schemaDiagnostics(source, schemaErrors),
    // The runtime's zone check needs only the zone to have passed the schema, not the whole file.
    ...manifestRuleDiagnostics(source, record, !schemaErrors.some((e) => e.instancePath === '/timezone')),
  ]
  if (problems.length > 0) return failed(file, problems)
  return { ok: true, file, manifest: data as ScheduleManifest }
}
