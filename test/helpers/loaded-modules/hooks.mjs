/** Module hooks of register.mjs: append each loaded module's URL to the record file. */
import { appendFileSync } from 'node:fs'

let out

export function initialize(data) {
  out = data.out
}

export async function load(url, context, next) {
  appendFileSync(out, `${url}\n`)
  return next(url, context)
}
