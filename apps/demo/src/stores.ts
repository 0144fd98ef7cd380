import { fileURLToPath } from 'node:url';
import { STORE_KINDS as CLI_STORE_KINDS, openStore as openCliStore } from '@authplug/cli/flows';
import { type CredentialStore, credentialKey, envFieldName } from '@authplug/credentials';
import type { ProviderDemo } from './providers/index.ts';
import { openRedisStore } from './redis.ts';

// The CLI's kinds plus the demo's own `redis`: a private redis-server (or --redis-url), grants
// sealed with encryptedStore.
export const STORE_KINDS = [...CLI_STORE_KINDS, 'redis'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The demo directory's credentials file (gitignored): one for the emulators, one for --real. */
export function defaultCredentialsPath(real: boolean): string {
  return fileURLToPath(new URL(`../.demo/${real ? 'real-' : ''}credentials.json`, import.meta.url));
}

/** The store of `--store`, and one line saying what it is (the CLI's stores, plus `redis`). */
export async function openStore(
  kind: StoreKind,
  path: string,
  redisUrl?: string,
): Promise<{ store: CredentialStore; description: string; close?: () => Promise<void> }> {
  return kind === 'redis' ? openRedisStore(redisUrl) : openCliStore(kind, path);
}

/** `apiKey` → `AUTHPLUG_IPERNITY_API_KEY`: the envStore variable of the default profile. */
const envName = (provider: string, field: string): string =>
  `AUTHPLUG_${provider.toUpperCase()}_${envFieldName(field)}`;

/**
 * What --real lacks before it may call anything: missing application keys (with the variable
 * names envStore reads) and flows that need a person (--interactive). Reads the store only.
 */
export async function realPrerequisites(
  providers: readonly ProviderDemo[],
  store: CredentialStore,
  profile: string,
  interactive: boolean,
): Promise<string[]> {
  const problems: string[] = [];
  for (const provider of providers) {
    const key = credentialKey(provider.name, profile);
    const value = await store.get(key);
    const missing = provider.keys.filter((field) => !value?.[field]);
    if (missing.length) {
      const vars =
        profile === 'default' ? ` (${missing.map((f) => envName(provider.name, f)).join(', ')})` : '';
      problems.push(`${provider.name.padEnd(12)} ${key}: ${missing.join(', ')}${vars}`);
    } else if (provider.grantField && !value?.[provider.grantField] && !interactive) {
      problems.push(
        `${provider.name.padEnd(12)} ${key} has keys but no ${provider.grantField} yet: add --interactive to authorize in a browser`,
      );
    }
  }
  return problems;
}
