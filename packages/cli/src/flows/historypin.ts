/**
 * Historypin in the demo: no authorization flow (the account's key pair signs every call).
 *
 *   setupHistorypin(baseUrl: string, store: CredentialStore, options?: {
 *     profile?: string;                           // default 'default'
 *     seed?: boolean;                             // default true: store the emulator's test account
 *     log?: (line: string) => void;
 *   }): Promise<{ strategy: AuthStrategy; baseURL: string; summary: string }>
 *
 * The key pair is written to the store's `historypin/<profile>` entry from the emulator's test
 * account, unless `seed: false` (real API: the user's pair is read from there). `baseURL` is `<baseUrl>/en/api/`.
 */
import type { AuthStrategy } from '@authplug/core';
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import { HISTORYPIN_TEST_ACCOUNT } from '@authplug/emulators';
import { historypin } from '@authplug/historypin';

export async function setupHistorypin(
  baseUrl: string,
  store: CredentialStore,
  options: { profile?: string; seed?: boolean; log?: (line: string) => void } = {},
): Promise<{ strategy: AuthStrategy; baseURL: string; summary: string }> {
  const profile = options.profile ?? 'default';
  const key = credentialKey('historypin', profile);
  let summary = `no flow: key pair from ${key}`;
  if (options.seed !== false && store.writable) {
    const { apiKey, apiSecret } = HISTORYPIN_TEST_ACCOUNT;
    await store.update(key, (current) => ({ ...current, apiKey, apiSecret }));
    summary = `no flow: key pair seeded in ${key}`;
    options.log?.(`historypin: seeded ${key} with the emulator's test account`);
  }
  return {
    strategy: historypin({ store, profile }),
    baseURL: `${baseUrl.replace(/\/+$/, '')}/en/api/`,
    summary,
  };
}
