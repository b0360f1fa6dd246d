/**
 * `node --import <this file>`: records every module the process loads into the file
 * named by LOADED_MODULES_FILE, one per line. ES modules are seen by a `load` hook (in
 * the hooks thread, so it appends as it goes); CommonJS modules loaded by `require` do
 * not pass the hooks on Node 20, so the `require` cache is appended at exit.
 */
import { appendFileSync, writeFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'

const out = process.env.LOADED_MODULES_FILE
if (out) {
  writeFileSync(out, '')
  register('./hooks.mjs', import.meta.url, { data: { out } })
  const cache = createRequire(import.meta.url).cache
  process.on('exit', () => {
    appendFileSync(
      out,
      Object.keys(cache)
        .map((file) => `${file}\n`)
        .join(''),
    )
  })
}
