import { defineConfig } from 'vitest/config';

// `vitest` run from the root: each workspace package as a project with its own config (the
// source condition, timeouts, set-up), as `pnpm test` runs them one package at a time.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'test'] },
});
