/** Finds a Python interpreter that has `jsonschema`, for the cross-language tests. */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CANDIDATES = [process.env.KAIZEN_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p)

/** The first candidate interpreter that can `import jsonschema`, or null. */
export function findPythonWithJsonschema(): string | null {
  for (const python of CANDIDATES) {
    const probe = spawnSync(python, ['-c', 'import jsonschema'], { stdio: 'ignore' })
    if (probe.status === 0) return python
  }
  return null
}

/** One instance to validate with Python. */
export interface PythonJob {
  readonly id: string
  /** Absolute path of the schema file. */
  readonly schema: string
  readonly instance: unknown
}

/** Python's verdict on one job. */
export interface PythonVerdict {
  readonly id: string
  readonly valid: boolean
  readonly keywords: readonly string[]
}

const SCRIPT = fileURLToPath(new URL('./jsonschema_verdicts.py', import.meta.url))

/** Validates every job in one Python process and returns the verdicts by id. */
export function validateWithPython(python: string, jobs: readonly PythonJob[]): Map<string, PythonVerdict> {
  const run = spawnSync(python, [SCRIPT], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (run.status !== 0) throw new Error(`python jsonschema failed (${run.status}): ${run.stderr}`)
  const verdicts = JSON.parse(run.stdout) as PythonVerdict[]
  return new Map(verdicts.map((v) => [v.id, v]))
}

/** Whether tests that need an external tool must run rather than skip (CI=true). */
export const mustRunExternalTools = (): boolean => process.env.CI === 'true' || process.env.CI === '1'
