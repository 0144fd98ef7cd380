import { MissingOptionError } from './errors.ts';

/**
 * Reads a required, non-empty string option, or throws {@link MissingOptionError} naming it.
 * Strategies call it at construction, so a misconfiguration fails before any request.
 *
 * @example
 * ```ts
 * const apiKey = requireString('@authplug/historypin', options, 'apiKey');
 * ```
 */
export function requireString(pkg: string, options: object | undefined, name: string, hint?: string): string {
  const value = (options as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || value.trim() === '') throw new MissingOptionError(pkg, name, hint);
  return value;
}

/**
 * An optional string option: `undefined` when absent, {@link MissingOptionError} when empty or
 * not a string.
 *
 * @example
 * ```ts
 * const authToken = optionalString('@authplug/ipernity', options, 'authToken');
 * ```
 */
export function optionalString(pkg: string, options: object | undefined, name: string): string | undefined {
  const value = (options as Record<string, unknown> | undefined)?.[name];
  return value === undefined ? undefined : requireString(pkg, options, name);
}
