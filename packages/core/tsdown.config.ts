import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// Three builds of the same source, told apart by `__AUTHPLUG_RUNTIME__` (see src/digest.ts):
// dist/ picks node:crypto or WebCrypto at load time; dist/node/ and dist/browser/ are what the
// `node` and `browser` export conditions load, each without the other runtime's code.
// The error classes get a chunk of their own: a package that throws them from code it loads
// through import() (credentials' store checks) then shares that small chunk with the eager
// bundle instead of splitting all of core into a shared one.
const errorsChunk = { advancedChunks: { groups: [{ name: 'errors', test: /src[\\/]errors\.ts$/ }] } };

export default defineConfig([
  { ...shared, outputOptions: errorsChunk, define: { __AUTHPLUG_RUNTIME__: 'undefined' } },
  ...(['node', 'browser'] as const).map((runtime) => ({
    ...shared,
    outputOptions: errorsChunk,
    outDir: `dist/${runtime}`,
    dts: false,
    clean: false,
    define: { __AUTHPLUG_RUNTIME__: JSON.stringify(runtime) },
  })),
]);
