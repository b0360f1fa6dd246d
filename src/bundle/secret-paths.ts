/**
 * Files that hold credentials by convention. `prepare` never bundles them, even when
 * a manifest pointer (or a symlink inside the repo) names one: a bundle is handed to
 * an LLM runtime, so a secret in it would leave the machine.
 */

const SECRET_NAMES = new Set([
  '.env',
  '.envrc',
  '.netrc',
  '.npmrc',
  '.pypirc',
  '.git-credentials',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
])

const SECRET_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.keystore']

/** Why a repo-relative path looks like a secrets file, or undefined when it does not. */
export function secretFileReason(relativePath: string): string | undefined {
  const segments = relativePath.split('/')
  if (segments.includes('.git')) return 'it is inside .git'
  const name = (segments.at(-1) ?? '').toLowerCase()
  if (SECRET_NAMES.has(name) || name.startsWith('.env.')) return `'${name}' is a secrets file by convention`
  if (SECRET_EXTENSIONS.some((ext) => name.endsWith(ext))) return `'${name}' looks like a key or certificate`
  return undefined
}
