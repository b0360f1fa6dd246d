/**
 * What `validate` warns about in a valid manifest, looking at the repository around it
 * (`--strict` makes these exit 1): a scheduled agent without a prompt file, a pointer to
 * a file that does not exist, and a `schedule.yaml` that `schedule.yml` shadows. The
 * CLI composes this from the manifest loader and the bundle's file locations, so neither
 * of those folders reaches into the other.
 */
import type { Diagnostic } from '../../contracts/validation-report.ts'
import { agentPromptPaths } from '../bundle/locations.ts'
import { START } from '../diagnostics/diagnostic.ts'
import { readContained } from '../fs/read-contained.ts'
import { MAX_MANIFEST_BYTES } from '../manifest/decode.ts'
import { MANIFEST_PATHS } from '../manifest/read.ts'
import { locate, parseYamlSource } from '../manifest/yaml-source.ts'
import { toPointer } from '../schema/pointer.ts'

interface ManifestShape {
  readonly agents: Readonly<Record<string, { readonly enabled?: boolean }>>
  readonly pointers?: Readonly<Record<string, string>>
}

const present = async (root: string, relativePath: string): Promise<boolean> =>
  (await readContained(root, relativePath, { limit: 0 })).status !== 'missing'

const warning = (file: string, at: { line: number; column: number }, path: string, keyword: string, message: string) =>
  ({
    file,
    line: at.line,
    column: at.column,
    path,
    keyword,
    severity: 'warning',
    message,
  }) as const satisfies Diagnostic

/** The warnings of the valid manifest `file` (repo-relative) of the repository at `root`. */
export async function manifestWarnings(root: string, file: string, manifest: ManifestShape): Promise<Diagnostic[]> {
  const warnings: Diagnostic[] = []
  const read = await readContained(root, file, { limit: MAX_MANIFEST_BYTES })
  const parsed = read.status === 'found' ? parseYamlSource(Buffer.from(read.bytes).toString('utf8'), file) : undefined
  // At the key (`coach:`), which is what to look at.
  const at = (map: string, key: string) => (parsed?.ok ? locate(parsed.source, `/${map}`, key) : START)

  const [yml, yaml] = MANIFEST_PATHS
  if (file === yml && (await present(root, yaml))) {
    warnings.push(
      warning(
        yaml,
        START,
        '',
        'shadowed-manifest',
        `${yaml} is ignored: ${yml} is read first; merge them and delete one`,
      ),
    )
  }
  for (const [agent, entry] of Object.entries(manifest.agents)) {
    if (entry.enabled === false) continue
    const candidates = agentPromptPaths(agent)
    const found = await Promise.all(candidates.map((path) => present(root, path)))
    if (found.some(Boolean)) continue
    const pointer = toPointer(['agents', agent])
    warnings.push(
      warning(
        file,
        at('agents', agent),
        pointer,
        'agent-prompt-missing',
        `agent '${agent}' is scheduled but has no prompt (${candidates.join(' or ')}); its bundle will orient nobody`,
      ),
    )
  }
  for (const [label, path] of Object.entries(manifest.pointers ?? {})) {
    if (await present(root, path)) continue
    const pointer = toPointer(['pointers', label])
    warnings.push(
      warning(
        file,
        at('pointers', label),
        pointer,
        'pointer-missing',
        `pointer '${label}' names ${path}, which does not exist`,
      ),
    )
  }
  return warnings
}
