/** Number syntax of `metrics record` flags and `HELIX_*` variables (no imports: the CLI parses flags before loading anything). */

/** A decimal number as people type it (`42`, `0.8`, `1e3`); anything else (`''`, `0x10`, `Infinity`) is not. */
export function parseDecimal(text: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

/** A non-negative integer written in decimal digits, or undefined. */
export function parseCount(text: string): number | undefined {
  const value = Number(text)
  return /^\d+$/.test(text.trim()) && Number.isSafeInteger(value) ? value : undefined
}
