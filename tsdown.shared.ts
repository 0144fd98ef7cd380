import { defineConfig } from 'tsdown';

// Every published package builds the same way: one ESM entry plus its .d.ts (`type: module` makes .js ESM).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  platform: 'neutral',
  dts: true,
  sourcemap: false,
  clean: true,
  // .js/.d.ts on every platform (node defaults to .mjs); `type: module` makes .js ESM.
  fixedExtension: false,
});
