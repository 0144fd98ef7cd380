import { InvalidOptionError } from '@authplug/core';

const PKG = '@authplug/oauth1';

/**
 * Refuses a setting a preset fixes (a provider that accepts one signature method or one
 * placement), so a JavaScript caller passing another value learns why instead of being
 * silently overridden.
 * @internal
 */
export function onlyValue(options: object, option: string, allowed: string, provider: string): void {
  const value = (options as Record<string, unknown>)[option];
  if (value !== undefined && value !== allowed) {
    throw new InvalidOptionError(PKG, option, `must be "${allowed}": ${provider} accepts no other.`);
  }
}

/**
 * Joins preset endpoints onto an origin without a doubled slash.
 * @internal
 */
export function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, '');
}
