import { InvalidOptionError } from '@authplug/core';
import type { CredentialValue } from './store.ts';

const PKG = '@authplug/credentials';

/** Keys are non-empty strings (`<provider>/<profile>` by convention). */
export function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '') {
    throw new InvalidOptionError(PKG, 'key', 'must be a non-empty string such as "ipernity/default".');
  }
}

/** Values are plain JSON objects (never arrays, null or primitives). Only the shape is named. */
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
