// node:crypto where the runtime has it (Node, Bun, Deno), looked up in one place for every digest
// module (digest.ts, keyed-hmac.ts, signing-key.ts). `process.getBuiltinModule` keeps it out of
// the static import graph, so browser bundles never see it.

// Fixed per build (tsdown.config.ts): the `node` and `browser` export conditions load a build
// with its runtime's code only, so a bundle never carries the other path; the default build (and
// the source, in tests) finds out at load time.
declare const __AUTHPLUG_RUNTIME__: 'node' | 'browser' | undefined;
/** @internal The build's runtime, or `undefined` in the default build. */
export const RUNTIME: 'node' | 'browser' | undefined =
  typeof __AUTHPLUG_RUNTIME__ === 'undefined' ? undefined : __AUTHPLUG_RUNTIME__;

/** @internal */
export type NodeCrypto = typeof import('node:crypto');
/**
 * @internal node:crypto, or `undefined` outside Node-compatible runtimes. Marked pure (the lookup
 * has no side effect): otherwise a bundler keeps it, and with it all of core as one shared chunk
 * as soon as some lazily loaded code needs a core export.
 */
export const nodeCrypto: NodeCrypto | undefined =
  RUNTIME === 'browser'
    ? undefined
    : /* @__PURE__ */ ((
        globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
      ).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined);
