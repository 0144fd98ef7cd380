import { AuthplugError } from '@authplug/core';

/** The store has nothing under the profile's key. */
export class CredentialsNotFoundError extends AuthplugError {
  readonly key: string;
  constructor(pkg: string, key: string) {
    super(
      'AUTHPLUG_CREDENTIALS_NOT_FOUND',
      `${pkg}: the credential store has nothing under "${key}". Save the application's keys there ` +
        '(or run the authorization flow), or pass the credentials as options.',
    );
    this.key = key;
  }
}

/** The store holds a value under the key, but a field the strategy needs is missing or empty. */
export class InvalidCredentialsError extends AuthplugError {
  readonly key: string;
  readonly field: string;
  constructor(pkg: string, key: string, field: string) {
    super(
      'AUTHPLUG_INVALID_CREDENTIALS',
      `${pkg}: the credentials under "${key}" have no \`${field}\` (a non-empty string). Add it to the store.`,
    );
    this.key = key;
    this.field = field;
  }
}

/** A write was attempted on a read-only store (env). */
export class ReadOnlyStoreError extends AuthplugError {
  constructor(store: string) {
    super(
      'AUTHPLUG_READ_ONLY_STORE',
      `@authplug/credentials: ${store} is read-only. Put a writable store (fileStore, memoryStore) first in chainStore to save grants.`,
    );
  }
}
