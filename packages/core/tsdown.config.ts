import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// Three builds of the same source, told apart by `__AUTHPLUG_RUNTIME__` (see src/digest.ts):
// dist/ picks node:crypto or WebCrypto at load time; dist/node/ and dist/browser/ are what the
// `node` and `browser` export conditions load, each without the other runtime's code.
export default defineConfig([
  { ...shared, define: { __AUTHPLUG_RUNTIME__: 'undefined' } },
  ...(['node', 'browser'] as const).map((runtime) => ({
    ...shared,
    outDir: `dist/${runtime}`,
    dts: false,
    clean: false,
    define: { __AUTHPLUG_RUNTIME__: JSON.stringify(runtime) },
  })),
]);
