/**
 * Produces a fresh, unpredictable nonce per call. Inject a fixed one in tests.
 *
 * @example
 * ```ts
 * const nonce: NonceSource = () => 'fixed-nonce-for-a-test-vector';
 * ```
 */
export type NonceSource = () => string;

/**
 * A CSPRNG nonce: `bytes` random bytes as lower-case hex (32 characters by default).
 *
 * @example
 * ```ts
 * randomNonce(); // '9f86d081884c7d659a2feaa0c55ad015'
 * ```
 */
export function randomNonce(bytes = 16): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  let out = '';
  for (const byte of buffer) out += byte.toString(16).padStart(2, '0');
  return out;
}
