// What every command starts from: the store (`--store`), the emulators (`--emulator [url]`),
// and the secrets to keep out of anything printed.
import { dirname, join } from 'node:path';
import {
  type CredentialStore,
  type CredentialValue,
  defaultCredentialsPath,
  isSecretField,
} from '@authplug/credentials';
import type { EmulatorUrls } from '@authplug/emulators';
import { openStore } from './flows/stores.ts';
import type { CliProvider } from './providers.ts';

export interface CommonOptions {
  profile?: string;
  store?: string;
  /** true: start the emulators in-process; a URL: use running ones (`authplug-emulators`). */
  emulator?: boolean | string;
}

export interface Context {
  store: CredentialStore;
  storeDescription: string;
  profile: string;
  emulators?: EmulatorUrls;
  /** Stops in-process emulators and disconnects a Redis store the command opened. */
  close(): Promise<void>;
}

/**
 * The default credentials file: `fileStore()`'s path for real grants, a sibling
 * `emulator-credentials.json` for `--emulator` runs, so test grants never mix with real ones.
 */
export function credentialsPath(emulated: boolean): string {
  const real = defaultCredentialsPath();
  return emulated ? join(dirname(real), 'emulator-credentials.json') : real;
}

export async function openContext(options: CommonOptions): Promise<Context> {
  const emulated = options.emulator !== undefined && options.emulator !== false;
  const opened = await openStore(options.store ?? 'file', credentialsPath(emulated));
  const { store, description } = opened;
  let emulators: EmulatorUrls | undefined;
  let stopEmulators = async () => {};
  if (typeof options.emulator === 'string') {
    emulators = (await import('@authplug/emulators')).emulatorUrls(options.emulator);
  } else if (options.emulator) {
    const server = await (await import('@authplug/emulators')).startEmulators();
    emulators = server.urls;
    stopEmulators = () => server.close();
  }
  const close = async () => {
    await stopEmulators();
    await opened.close?.();
  };
  return {
    store,
    storeDescription: description,
    profile: options.profile ?? 'default',
    ...(emulators ? { emulators } : {}),
    close,
  };
}

/**
 * The API root for a provider's calls: `--base-url`, else the emulators', else the one stored at
 * login, else the provider's real one.
 */
export function apiRoot(
  provider: CliProvider,
  context: Context,
  entry: CredentialValue | undefined,
  baseUrl?: string,
): string | undefined {
  const stored = typeof entry?.['apiUrl'] === 'string' ? entry['apiUrl'] : undefined;
  return (
    baseUrl ??
    (context.emulators ? provider.emulatorApi(context.emulators) : undefined) ??
    stored ??
    provider.apiUrl
  );
}

/**
 * Replaces every secret value of `entry` (fields judged by `isSecretField`, plus `secret`) in
 * `text` by `‹field›`: the last guard before anything reaches the terminal.
 */
export function maskSecrets(text: string, entry: CredentialValue | undefined): string {
  let out = text;
  for (const [field, value] of Object.entries(entry ?? {})) {
    if (typeof value === 'string' && value.length >= 4 && isSecretField(field)) {
      out = out.split(value).join(`‹${field}›`);
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(`‹${field}›`);
    }
  }
  return out;
}
