import { CredentialsNotFoundError, InvalidCredentialsError } from './errors.ts';
import type { CredentialStore } from './store.ts';

/**
 * Reads and checks a store-backed source's value (see `credentialSource`). Loaded through
 * `import()` on the first read, so a bundle that passes credentials literally carries neither
 * this nor its error classes.
 */
export async function readStore(
  pkg: string,
  store: CredentialStore,
  key: string,
  fields: { required: readonly string[]; optional?: readonly string[] },
): Promise<Record<string, unknown>> {
  const value = await store.get(key);
  if (value === undefined) throw new CredentialsNotFoundError(pkg, key);
  for (const field of fields.required) {
    if (!isFilled(value[field])) throw new InvalidCredentialsError(pkg, key, field);
  }
  for (const field of fields.optional ?? []) {
    if (value[field] !== undefined && !isFilled(value[field])) {
      throw new InvalidCredentialsError(pkg, key, field);
    }
  }
  return value;
}

function isFilled(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
