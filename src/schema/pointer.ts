/** JSON Pointers (RFC 6901), the paths every diagnostic names. */

/** Splits a JSON Pointer into its unescaped segments. */
export const pointerSegments = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))

/** Builds a JSON Pointer from segments. */
export const toPointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')

/** The pointer of the parent of `pointer` ('' for a top-level key). */
export const parentPointer = (pointer: string): string => toPointer(pointerSegments(pointer).slice(0, -1))
