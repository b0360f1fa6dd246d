/** How every JSON file this project writes is serialised (generated schemas, release snapshots, catalog). */

/** Two-space indented JSON with a final newline. */
export const formatJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`
