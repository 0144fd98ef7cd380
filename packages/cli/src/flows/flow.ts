// What the three flow setups (ipernity, Proofile, Safe Creative) share: their common options and
// the prelude before each flow runs.
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import { type Approver, clickApprover } from './approve.ts';

/** The options every flow setup takes (plus its own, e.g. ipernity's `permissions`). */
export interface SetupOptions {
  /** Default 'default'. */
  profile?: string;
  /** Default: the demo clicks Approve over HTTP. */
  approver?: Approver;
  /** Default true: store the emulator's test application keys. */
  seed?: boolean;
  /** Default false: a grant already in the store skips the flow. */
  reuseGrant?: boolean;
  /** Default the global fetch. */
  fetch?: typeof fetch;
  /** Progress lines, default silent. */
  log?: (line: string) => void;
}

/**
 * The options with their defaults, after seeding `testKeys` into `<provider>/<profile>` (unless
 * `seed: false`). `reuse` is true when `reuseGrant` is set and the entry already holds
 * `grantField`: the flow is skipped.
 */
export async function prepareFlow(
  provider: string,
  store: CredentialStore,
  options: SetupOptions,
  testKeys: Readonly<Record<string, string>>,
  grantField: string,
): Promise<{
  profile: string;
  key: string;
  doFetch: typeof fetch;
  log: (line: string) => void;
  approver: Approver;
  reuse: boolean;
}> {
  const profile = options.profile ?? 'default';
  const doFetch = options.fetch ?? fetch;
  const key = credentialKey(provider, profile);
  if (options.seed !== false) {
    await store.update(key, (current) => ({ ...current, ...testKeys }));
  }
  return {
    profile,
    key,
    doFetch,
    log: options.log ?? (() => {}),
    approver: options.approver ?? clickApprover(doFetch),
    reuse: Boolean(options.reuseGrant && (await store.get(key))?.[grantField]),
  };
}
