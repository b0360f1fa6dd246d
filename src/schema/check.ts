/**
 * "Check this document and report its problems", once: a document against a published
 * contract → diagnostics in the one `Diagnostic` shape, phrased by `phrase.ts`. Our own
 * outputs use it to refuse to leave when they break their contract (a bug here, never the
 * reader's problem), reported as one `ContractViolation` value.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { JSON_VOICE, phraseSchemaError, type SchemaError, type Voice, withoutBranchErrors } from './phrase.ts'

/**
 * Anything that validates like Ajv: a precompiled validator or a compiled one. Callers
 * pass their own contract's precompiled validator (`generated/validators/<name>.ts`), not
 * a name looked up in the index of all of them: loading every validator costs a command's
 * start-up more than its own work.
 */
export type Checker = ((value: unknown) => boolean | Promise<unknown>) & { errors?: readonly SchemaError[] | null }

export interface CheckOptions {
  /** The file the document came from, or what it is (`the prepared bundle`). */
  readonly file?: string
  readonly voice?: Voice
}

/** Every problem of `value` against `checker` (empty when it is valid); the path is the JSON Pointer of the value at fault. */
export function checkDocument(checker: Checker, value: unknown, options: CheckOptions = {}): Diagnostic[] {
  const validate = checker
  if (validate(value) === true) return []
  const errors = withoutBranchErrors([...(validate.errors ?? [])])
  const file = options.file ?? ''
  return errors.map((error) => {
    const { message, suggestion } = phraseSchemaError(error, options.voice ?? JSON_VOICE)
    return {
      file,
      line: 1,
      column: 1,
      path: error.instancePath,
      keyword: error.keyword,
      severity: 'error',
      message,
      ...(suggestion === undefined ? {} : { suggestion }),
    }
  })
}

/** `/path message`, or `whole message` for the document itself: the one-line form of a problem. */
export const problemText = (d: Pick<Diagnostic, 'path' | 'message'>, whole = '(document)'): string =>
  `${d.path === '' ? whole : d.path} ${d.message}`

/** Our own output broke its contract: which contract, and the problems, one line each. */
export interface ContractViolation {
  readonly kind: 'contract-violation'
  readonly contract: string
  readonly problems: readonly string[]
}

/** The violation of `contract` by `value`, or undefined when it holds. */
export function contractViolation(contract: string, value: unknown, checker: Checker): ContractViolation | undefined {
  const diagnostics = checkDocument(checker, value)
  if (diagnostics.length === 0) return undefined
  return { kind: 'contract-violation', contract, problems: diagnostics.map((d) => problemText(d)) }
}

/** `internal error: … breaks the X contract: …` — how every violation reads, wherever it surfaces. */
export const describeViolation = (what: string, violation: ContractViolation): string =>
  `internal error: ${what} breaks the ${violation.contract} contract: ${violation.problems.join('; ')}`
