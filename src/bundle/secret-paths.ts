/**
 * Files that hold credentials by convention. `prepare` never bundles them, even when
 * a manifest pointer (or a symlink inside the repo) names one: a bundle is handed to
 * an LLM runtime, so a secret in it would leave the machine.
 *
 * One table, documented in the README's security model and tested row by row
 * (`test/bundle/secret-paths.test.ts`). Matching is on the repo-relative path, case
 * insensitive, so `Config/.AWS/Credentials` is caught too.
 */

/** One rule of the deny-list: what it matches, and why such a file holds secrets. */
export interface SecretRule {
  /** The pattern as the README shows it. */
  readonly pattern: string
  /** Why files like this are never bundled. */
  readonly why: string
  /** Whether the rule matches a lower-cased repo-relative path (split into segments). */
  readonly matches: (segments: readonly string[], name: string) => boolean
}

const endsWithPath = (segments: readonly string[], tail: readonly string[]): boolean =>
  segments.length >= tail.length && tail.every((part, i) => segments[segments.length - tail.length + i] === part)

const named =
  (...names: string[]) =>
  (_: readonly string[], name: string) =>
    names.includes(name)

/** The deny-list, in the order the README lists it. */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    pattern: '.git/**',
    why: 'repository internals (credentials in config, hooks)',
    matches: (s) => s.includes('.git'),
  },
  {
    pattern: '.env, .env.*, *.env, .envrc',
    why: 'environment files hold API keys and passwords',
    matches: (_, n) => n === '.env' || n === '.envrc' || n.startsWith('.env.') || n.endsWith('.env'),
  },
  { pattern: '.netrc, _netrc', why: 'machine logins and passwords', matches: named('.netrc', '_netrc') },
  {
    pattern: '.npmrc, .yarnrc.yml, .pypirc, .gem/credentials',
    why: 'package registry tokens (`_authToken`, `npmAuthToken`, upload passwords)',
    matches: (s, n) => ['.npmrc', '.yarnrc.yml', '.pypirc'].includes(n) || endsWithPath(s, ['.gem', 'credentials']),
  },
  { pattern: '.git-credentials', why: 'stored git passwords and tokens', matches: named('.git-credentials') },
  {
    pattern: '.aws/credentials, .aws/config',
    why: 'AWS access keys (config may hold them too)',
    matches: (s) => endsWithPath(s, ['.aws', 'credentials']) || endsWithPath(s, ['.aws', 'config']),
  },
  { pattern: '.pgpass', why: 'PostgreSQL passwords', matches: named('.pgpass') },
  { pattern: '.my.cnf', why: 'MySQL client passwords', matches: named('.my.cnf') },
  {
    pattern: '.docker/config.json',
    why: 'registry auth tokens',
    matches: (s) => endsWithPath(s, ['.docker', 'config.json']),
  },
  {
    pattern: '.kube/config, kubeconfig',
    why: 'cluster credentials',
    matches: (s, n) => endsWithPath(s, ['.kube', 'config']) || n === 'kubeconfig',
  },
  {
    pattern: 'terraform.tfstate*, *.tfvars',
    why: 'Terraform state and variables carry resource secrets in clear text',
    matches: (_, n) => n.startsWith('terraform.tfstate') || n.endsWith('.tfstate') || n.endsWith('.tfvars'),
  },
  {
    pattern: 'id_rsa*, id_dsa*, id_ecdsa*, id_ed25519*, .ssh/**',
    why: 'SSH private keys (and their directory)',
    matches: (s, n) => /^id_(rsa|dsa|ecdsa|ed25519)/.test(n) || s.slice(0, -1).includes('.ssh'),
  },
  { pattern: '.htpasswd', why: 'web server password hashes', matches: named('.htpasswd') },
  {
    pattern: 'credentials.json, secrets.y(a)ml, *.secret(s)',
    why: 'conventional names of credential and secret files',
    matches: (_, n) =>
      ['credentials.json', 'secrets.yml', 'secrets.yaml', 'secrets.json'].includes(n) || /\.secrets?$/.test(n),
  },
  {
    pattern: '*.pem, *.key, *.p12, *.pfx, *.keystore, *.jks, *.ppk, *.asc, *.gpg',
    why: 'private keys, certificates with keys, key stores',
    matches: (_, n) =>
      ['.pem', '.key', '.p12', '.pfx', '.keystore', '.jks', '.ppk', '.asc', '.gpg'].some((e) => n.endsWith(e)),
  },
]

/** The rule a repo-relative path falls under, or undefined. */
export function secretRuleFor(relativePath: string): SecretRule | undefined {
  const segments = relativePath.toLowerCase().split('/')
  const name = segments.at(-1) ?? ''
  return SECRET_RULES.find((rule) => rule.matches(segments, name))
}

/** Why a repo-relative path looks like a secrets file, or undefined when it does not. */
export function secretFileReason(relativePath: string): string | undefined {
  const rule = secretRuleFor(relativePath)
  if (rule === undefined) return undefined
  if (rule.pattern === '.git/**') return 'it is inside .git'
  const name = (relativePath.split('/').at(-1) ?? '').toLowerCase()
  if (rule.pattern.startsWith('*.pem')) return `'${name}' looks like a key or certificate`
  return `'${name}' is a secrets file by convention`
}
