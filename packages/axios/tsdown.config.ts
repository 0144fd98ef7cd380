import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// toAuthResponse builds into a chunk of its own, so that the adapter's import() of it (through
// src/lazy-response.ts) is really lazy: bundles whose strategy never inspects leave it out.
export default defineConfig({
  ...shared,
  outputOptions: { advancedChunks: { groups: [{ name: 'response', test: /src[\\/]response\.ts$/ }] } },
});
