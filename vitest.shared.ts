import { defineConfig } from 'vitest/config';

// One config for every workspace package: each package's vitest.config.ts re-exports it,
// so `turbo run test` runs (and caches) each package on its own.
export default defineConfig({
  resolve: { conditions: ['@authplug/source'] },
  ssr: { resolve: { conditions: ['@authplug/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', '*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/report.json' }]],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
