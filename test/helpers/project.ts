/** Paths of the project under test. */
import { fileURLToPath } from 'node:url'

/** Absolute path of the project root. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')
