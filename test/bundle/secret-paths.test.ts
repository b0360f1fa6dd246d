/** The credential deny-list as a table: every row of the README's list, matched and not over-matched. */
import { describe, expect, it } from 'vitest'
import { readRepoFile } from '../../src/bundle/read-repo-file.ts'
import { SECRET_RULES, secretFileReason, secretRuleFor } from '../../src/bundle/secret-paths.ts'
import { makeRepo } from '../helpers/temp-repo.ts'

/** [path, the rule's pattern that must refuse it]. */
const REFUSED: readonly [string, string][] = [
  ['.git/config', '.git/**'],
  ['.env', '.env, .env.*, *.env, .envrc'],
  ['config/.env.production', '.env, .env.*, *.env, .envrc'],
  ['deploy/prod.env', '.env, .env.*, *.env, .envrc'],
  ['.envrc', '.env, .env.*, *.env, .envrc'],
  ['.netrc', '.netrc, _netrc'],
  ['.npmrc', '.npmrc, .yarnrc.yml, .pypirc, .gem/credentials'],
  ['.pypirc', '.npmrc, .yarnrc.yml, .pypirc, .gem/credentials'],
  ['.git-credentials', '.git-credentials'],
  ['.aws/credentials', '.aws/credentials, .aws/config'],
  ['home/.AWS/Credentials', '.aws/credentials, .aws/config'],
  ['.pgpass', '.pgpass'],
  ['.my.cnf', '.my.cnf'],
  ['.docker/config.json', '.docker/config.json'],
  ['.kube/config', '.kube/config, kubeconfig'],
  ['infra/terraform.tfstate', 'terraform.tfstate*, *.tfvars'],
  ['infra/terraform.tfstate.backup', 'terraform.tfstate*, *.tfvars'],
  ['infra/prod.tfvars', 'terraform.tfstate*, *.tfvars'],
  ['.ssh/id_ed25519', 'id_rsa*, id_dsa*, id_ecdsa*, id_ed25519*, .ssh/**'],
  ['keys/id_ed25519_sk', 'id_rsa*, id_dsa*, id_ecdsa*, id_ed25519*, .ssh/**'],
  ['id_rsa', 'id_rsa*, id_dsa*, id_ecdsa*, id_ed25519*, .ssh/**'],
  ['.ssh/authorized_keys', 'id_rsa*, id_dsa*, id_ecdsa*, id_ed25519*, .ssh/**'],
  ['web/.htpasswd', '.htpasswd'],
  ['credentials.json', 'credentials.json, secrets.y(a)ml, *.secret(s)'],
  ['certs/server.pem', '*.pem, *.key, *.p12, *.pfx, *.keystore, *.jks, *.ppk, *.asc, *.gpg'],
]

const ALLOWED = [
  'docs/SCOPE.md',
  'TODO.md',
  'environment.md',
  'src/env.ts',
  'docs/ssh.md',
  'config.json',
  'docs/aws/credentials.md',
  'kubeconfig.md',
]

describe('the credential deny-list', () => {
  it.each(REFUSED)('%s is refused by the rule %s', (path, pattern) => {
    expect(secretRuleFor(path)?.pattern).toBe(pattern)
    expect(secretFileReason(path)).toBeDefined()
  })

  it.each(ALLOWED)('%s is not a secrets file', (path) => {
    expect(secretFileReason(path)).toBeUndefined()
  })

  it('every rule is exercised by the table and says why', () => {
    const used = new Set(REFUSED.map(([, pattern]) => pattern))
    expect(SECRET_RULES.map((r) => r.pattern).filter((p) => !used.has(p))).toEqual([])
    for (const rule of SECRET_RULES) expect(rule.why.length).toBeGreaterThan(10)
  })

  it('refuses them on disk too, also through a symlink inside the repo, with the reason', async () => {
    const repo = await makeRepo({
      '.aws/credentials': '[default]\naws_secret_access_key=abc\n',
      'deploy/prod.env': 'K=v\n',
    })
    try {
      await repo.link('notes.md', '.aws/credentials')
      for (const path of ['.aws/credentials', 'deploy/prod.env', 'notes.md']) {
        const read = await readRepoFile(repo.root, path)
        expect(read).toMatchObject({ status: 'refused' })
        expect(read.status === 'refused' && read.reason).toMatch(
          /is a secrets file by convention; secrets are never bundled$/,
        )
      }
    } finally {
      await repo.dispose()
    }
  })
})
