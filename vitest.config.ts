// Test config: two projects. `unit` holds the unit, route, process and example tests; `browser` drives
// Debian's Chromium against real dev servers, one file at a time (two slidev dev servers on one project
// would race to optimise its dependencies). `npm test` (a plain `vitest run`) runs unit, then browser.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // After the unit project (a plain `vitest run` keeps that order), one file at a time.
        test: { name: 'browser', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
})
