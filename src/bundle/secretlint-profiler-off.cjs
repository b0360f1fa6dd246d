/**
 * secretlint's profiler, switched off (esbuild puts this in the binary in place of
 * @secretlint/profiler, src/build/bundle-cli.ts): the real one records two
 * `performance.mark`s per rule per scan into the process's timeline and watches them
 * with a PerformanceObserver, for a report nobody here reads.
 */
class SecretLintProfiler {
  mark() {}
  getEntries() {
    return []
  }
  getMeasures() {
    return []
  }
  waifForExecutionPromises() {
    return Promise.resolve([])
  }
}

module.exports = { SecretLintProfiler, secretLintProfiler: new SecretLintProfiler() }
