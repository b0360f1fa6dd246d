import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Subprocess-heavy tests (tsc, tsx, python, nats) need more than the 5 s default on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
