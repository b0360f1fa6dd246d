/** Machine output is checked against its contract before it leaves: a mismatch is a bug here, not the reader's problem. */
import { type Checker, contractViolation, describeViolation } from '../schema/check.ts'

/** Throws (exit 1, "internal error") when `document` does not match the named contract. */
export function assertContract(contract: string, validate: Checker, document: unknown): void {
  const violation = contractViolation(contract, document, validate)
  if (violation) throw new Error(describeViolation(`the ${contract} output`, violation))
}
