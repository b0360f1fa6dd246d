/** A throw-away CA, server and client certificates made with `openssl`, for the NATS TLS tests. */
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Whether an `openssl` binary is available. */
export const hasOpenssl = (): boolean => spawnSync('openssl', ['version']).status === 0

/** Paths of the files `makeTlsMaterial` wrote. */
export interface TlsMaterial {
  readonly caCert: string
  /** Server certificate naming localhost and 127.0.0.1. */
  readonly serverCert: string
  readonly serverKey: string
  /** Server certificate naming only nats.example.invalid: a wrong host name for 127.0.0.1. */
  readonly wrongHostCert: string
  readonly wrongHostKey: string
  readonly clientCert: string
  readonly clientKey: string
  /** A second CA nobody trusts. */
  readonly otherCaCert: string
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-subj',
    `/CN=${name}`,
    '-days',
    '2',
  ])
}

function makeLeaf(dir: string, name: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions)
  openssl(dir, [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  ])
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ])
}

/** Writes a CA, a server certificate (right and wrong host names) and a client certificate into `dir`. */
export function makeTlsMaterial(dir: string): TlsMaterial {
  makeCa(dir, 'ca')
  makeCa(dir, 'other-ca')
  makeLeaf(dir, 'server', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
  makeLeaf(dir, 'wrong-host', 'subjectAltName=DNS:nats.example.invalid\nextendedKeyUsage=serverAuth\n')
  makeLeaf(dir, 'client', 'extendedKeyUsage=clientAuth\n')
  const at = (file: string) => join(dir, file)
  return {
    caCert: at('ca.crt'),
    serverCert: at('server.crt'),
    serverKey: at('server.key'),
    wrongHostCert: at('wrong-host.crt'),
    wrongHostKey: at('wrong-host.key'),
    clientCert: at('client.crt'),
    clientKey: at('client.key'),
    otherCaCert: at('other-ca.crt'),
  }
}
