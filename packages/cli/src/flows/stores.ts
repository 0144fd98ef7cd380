// Where the CLI and the demo keep keys and grants: a 0600 JSON file (the default), memory,
// AUTHPLUG_* variables, or a shared Redis (when @authplug/redis is installed).
import { isAbsolute, relative } from 'node:path';
import { type CredentialStore, chainStore, envStore, fileStore, memoryStore } from '@authplug/credentials';
import { StoreUnavailableError } from '../errors.ts';

export const STORE_KINDS = ['file', 'memory', 'env'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

const shown = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
};

/** A Redis URL with its password hidden, for messages. */
const safeUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '••••';
    return u.toString();
  } catch {
    return 'redis://…';
  }
};

/**
 * The store of a `--store` value (`file`, `memory`, `env` or `redis://…`), and one line saying
 * what it is. `file` uses `path`. `env` reads AUTHPLUG_* variables with a memory store behind
 * them for anything written. `redis://` loads `@authplug/redis` on demand.
 *
 * @example
 * ```ts
 * const { store, description } = await openStore('file', '/home/ada/.config/authplug/credentials.json');
 * ```
 */
export async function openStore(
  spec: string,
  path: string,
): Promise<{ store: CredentialStore; description: string; close?: () => Promise<void> }> {
  if (/^rediss?:\/\//.test(spec)) {
    // A variable specifier: the package is optional and may be absent (and unknown to tsc).
    const name = '@authplug/redis';
    let mod: { redisStore?: (options: { url: string }) => CredentialStore & { close?(): Promise<void> } };
    try {
      mod = await import(name);
    } catch (error) {
      throw new StoreUnavailableError(`--store ${safeUrl(spec)}`, name, { cause: error });
    }
    if (typeof mod.redisStore !== 'function')
      throw new StoreUnavailableError(`--store ${safeUrl(spec)}`, name);
    const store = mod.redisStore({ url: spec });
    // The client reconnects until closed: a command that is done must let the process exit.
    return { store, description: `redis ${safeUrl(spec)}`, close: async () => store.close?.() };
  }
  switch (spec) {
    case 'memory':
      return { store: memoryStore(), description: 'memory (nothing is written)' };
    case 'env':
      return {
        store: chainStore(envStore(), memoryStore()),
        description:
          'keys from AUTHPLUG_* variables (envStore); grants in a memory store behind them (chainStore): nothing is written',
      };
    case 'file':
      return { store: fileStore({ path }), description: `file ${shown(path)} (fileStore, mode 0600)` };
    default:
      return { store: fileStore({ path: spec }), description: `file ${shown(spec)} (fileStore, mode 0600)` };
  }
}
