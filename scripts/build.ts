/** `npm run build`: bundles the `kaizen-agentic` binary into dist/ (see src/build/bundle-cli.ts). */
import { bundleCli } from '../src/build/bundle-cli.ts'

try {
  const { outputs } = await bundleCli(process.cwd(), 'dist')
  console.log(`bundled ${Object.keys(outputs).length} files into dist/`)
} catch (error) {
  console.error(`error: build failed: ${(error as Error).message.split('\n')[0]}`)
  process.exit(1)
}
