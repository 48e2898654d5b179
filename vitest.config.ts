import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Closing line that CI and humans read: "N passed, N failed".
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
