import { formWire, hash, type RequestBody } from '@authplug/core';
import { BodyNotDigestibleError } from './errors.ts';

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/**
 * The body's bytes exactly as the clients send them: a string as UTF-8, bytes as they are, a form
 * as the text the client was given, or, for a `URLSearchParams` body, serialized the way
 * `URLSearchParams` (which axios, ky and got all use on the wire) serializes it.
 * A stream or multipart body cannot be read before it is sent: {@link BodyNotDigestibleError}.
 *
 * @example
 * ```ts
 * bodyBytes({ kind: 'bytes', contentType: 'application/json', data: '{"a":1}' }); // UTF-8 bytes
 * ```
 */
export function bodyBytes(body: RequestBody): Uint8Array {
  switch (body.kind) {
    case 'none':
      return EMPTY;
    case 'bytes':
      return typeof body.data === 'string' ? encoder.encode(body.data) : body.data;
    case 'form': {
      const wire = formWire(body);
      return typeof wire === 'string' ? encoder.encode(wire) : wire;
    }
    case 'opaque':
      throw new BodyNotDigestibleError();
  }
}

/**
 * A `Content-Digest` algorithm of RFC 9530.
 *
 * @example
 * ```ts
 * const algorithm: DigestAlgorithm = 'sha-512';
 * ```
 */
export type DigestAlgorithm = 'sha-256' | 'sha-512';

const HASHES = { 'sha-256': 'sha256', 'sha-512': 'sha512' } as const;

/**
 * The `Content-Digest` field value (RFC 9530) of `bytes`: a dictionary of each algorithm's
 * base64 digest as a byte sequence.
 *
 * @example
 * ```ts
 * await contentDigest(new TextEncoder().encode('{"hello": "world"}'), ['sha-512']);
 * // 'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:'
 * ```
 */
export async function contentDigest(
  bytes: Uint8Array,
  algorithms: readonly DigestAlgorithm[],
): Promise<string> {
  const parts = await Promise.all(
    algorithms.map(async (algorithm) => `${algorithm}=:${await hash(HASHES[algorithm], bytes, 'base64')}:`),
  );
  return parts.join(', ');
}
