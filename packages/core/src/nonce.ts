/**
 * Produces a fresh, unpredictable nonce per call. Inject a fixed one in tests.
 *
 * @example
 * ```ts
 * const nonce: NonceSource = () => 'fixed-nonce-for-a-test-vector';
 * ```
 */
export type NonceSource = () => string;

// Random bytes are drawn from the CSPRNG in 4 kB batches and handed out once each: one
// getRandomValues call per request cost ~13 µs in the overhead bench (most of it fixed cost per
// call), a batch costs about the same once per 256 nonces. Node's randomUUID buffers the same way.
// (`used` starts from the constant, not `pool.length`: a property read would keep both in
// every bundle, nonce or not; `@__PURE__` lets bundlers drop the pool and table when unused.)
const POOL_SIZE = 4096;
const pool = /* @__PURE__ */ new Uint8Array(POOL_SIZE);
let used = POOL_SIZE;

/**
 * A CSPRNG nonce: `bytes` random bytes as lower-case hex (32 characters by default).
 *
 * @example
 * ```ts
 * randomNonce(); // '9f86d081884c7d659a2feaa0c55ad015'
 * ```
 */
export function randomNonce(bytes = 16): string {
  if (bytes > pool.length) return hex(crypto.getRandomValues(new Uint8Array(bytes)));
  if (used + bytes > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  const start = used;
  used += bytes;
  return hex(pool.subarray(start, used));
}

// A byte's two hex digits, looked up: 3x cheaper than toString(16).padStart per byte.
const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex(buffer: Uint8Array): string {
  let out = '';
  for (let i = 0; i < buffer.length; i++) out += HEX[buffer[i]!];
  return out;
}
