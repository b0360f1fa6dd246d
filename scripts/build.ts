/** `npm run build`: the bundled binary and the tokenizer caches, into dist/ (src/build/build-package.ts). */
import { buildPackage } from '../src/build/build-package.ts'

try {
  const { bundled, caches } = await buildPackage(process.cwd())
  console.log(`bundled ${bundled} files and ${caches.length} tokenizer caches into dist/`)
} catch (error) {
  console.error(`error: build failed: ${(error as Error).message.split('\n')[0]}`)
  process.exit(1)
}
