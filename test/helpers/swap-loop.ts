/**
 * The swap loop of the race tests (swap_loop.py): two paths exchanged with
 * renameat2(RENAME_EXCHANGE) again and again, so a directory and a symlink trade places
 * between any check and any use.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The Python the loop runs on (Debian's; the race tests require it, never skip). */
export const PYTHON = '/usr/bin/python3'
const SWAP_LOOP = fileURLToPath(new URL('./swap_loop.py', import.meta.url))

/** Starts the swap loop exchanging `a` and `b`; resolves once it is swapping. */
export async function startSwapping(
  a: string,
  b: string,
): Promise<{ child: ChildProcessWithoutNullStreams; stop(): Promise<number> }> {
  const child = spawn(PYTHON, [SWAP_LOOP, a, b, '50000000'])
  let out = ''
  child.stdout.setEncoding('utf8')
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (out.includes('ready')) resolve()
    })
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`swap loop exited early (${code}): ${out}`)))
  })
  const stop = () =>
    new Promise<number>((resolve) => {
      child.removeAllListeners('exit')
      child.on('exit', () => resolve(Number(/swaps (\d+)/.exec(out)?.[1] ?? '0')))
      child.stdin.end()
    })
  return { child, stop }
}
