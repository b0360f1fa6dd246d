/** Machine output is checked against its contract before it leaves: a mismatch is a bug here, not the reader's problem. */
import type { PrecompiledValidator } from '../../generated/validators/index.ts'

/** Throws (exit 1, "internal error") when `document` does not match the named contract. */
export function assertContract(contract: string, validate: PrecompiledValidator, document: unknown): void {
  if (validate(document)) return
  const first = validate.errors?.[0]
  throw new Error(
    `internal error: output does not match the ${contract} contract (${first?.instancePath || '/'} ${first?.message ?? ''})`,
  )
}
