/**
 * The yaml library, loaded on first use. A valid manifest in plain YAML never needs it
 * (the fast path, plain-yaml.ts, reads it), so `prepare` and `list` on one load no YAML
 * parser at all; the positioned loader and its guards call this when they run.
 * CommonJS because only `require` loads a module synchronously, which the loader's
 * callers need; esbuild still bundles yaml into the binary, initialised on first call.
 */
exports.yamlLibrary = () => require('yaml')
