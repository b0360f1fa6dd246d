/** The one Ajv configuration every validation in this project uses: draft 2020-12 + formats. */
import { Ajv2020, type Options } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

// ajv-formats ships CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** A fresh Ajv for draft 2020-12 with every error reported and formats asserted. */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, ...options })
  addFormats(ajv)
  return ajv
}
