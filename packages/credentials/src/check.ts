import { InvalidOptionError } from '@authplug/core';
import type { CredentialValue } from './store.ts';

const PKG = '@authplug/credentials';

/**
 * Throws `InvalidOptionError` unless `key` is a non-empty string (`<provider>/<profile>` by
 * convention). For writers of a `CredentialStore`, so every store refuses the same keys.
 *
 * @example
 * ```ts
 * assertKey('ipernity/default'); // passes; assertKey('') throws
 * ```
 */
export function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '') {
    throw new InvalidOptionError(PKG, 'key', 'must be a non-empty string such as "ipernity/default".');
  }
}

/**
 * Throws `InvalidOptionError` unless `value` is a plain object (never an array, null or a
 * primitive). Only the shape is named in the message, never the value. For writers of a
 * `CredentialStore`.
 *
 * @example
 * ```ts
 * assertValue('ipernity/default', { apiKey: 'k' }); // passes; an array throws
 * ```
 */
export function assertValue(key: string, value: unknown): asserts value is CredentialValue {
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new InvalidOptionError(
      PKG,
      'value',
      `for "${key}" must be a plain object (got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}).`,
    );
  }
}
