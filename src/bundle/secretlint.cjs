/**
 * secretlint's core and recommended preset, as one CommonJS module that `secret-scan.ts`
 * imports on first use. Loaded through `require`, not `import`: under tsx every imported
 * ES module passes tsx's loader hooks, which rewrite the preset's 218 kB module (it
 * contains `import(`) with a source map, about 200 ms of `tsx scripts/prepare.ts`;
 * `require` (ES modules load synchronously on Node ≥ 20.19) goes past those hooks. And
 * esbuild still bundles both into the binary's chunk for this module, which a
 * `createRequire` call would have left to load from node_modules file by file.
 */
const { lintSource } = require('@secretlint/core')
const { creator } = require('@secretlint/secretlint-rule-preset-recommend')

module.exports = { lintSource, creator }
