/** Small helpers for schemas as plain JSON data. */

/** A JSON Schema object node. */
export type SchemaObject = { readonly [keyword: string]: unknown }

/** Whether a value is a plain JSON object (not an array, not null). */
export const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Deep equality of JSON values; key order does not matter, array order does. */
export function isJsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => isJsonEqual(v, b[i]))
  }
  if (!isObject(a) || !isObject(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && isJsonEqual(a[k], b[k]))
}

/** A value as it appears in a message: JSON, shortened. */
export function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
