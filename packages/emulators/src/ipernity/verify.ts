import { createHash } from 'node:crypto';

// The emulator's own view of a request, independent of @authplug/core: parameters as a PHP
// server gets them (`requestParams` in ../params.ts), and the signature recomputed with node:crypto.

export type Pairs = [string, string][];

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/** md5(sorted name+value pairs (UTF-8 byte order) + method + secret), `api_sig` excluded. */
export function expectedSig(pairs: Pairs, method: string, secret: string): string {
  const sorted = pairs
    .filter(([name]) => name !== 'api_sig')
    .sort((a, b) => Buffer.compare(utf8(a[0]), utf8(b[0])) || Buffer.compare(utf8(a[1]), utf8(b[1])));
  const text = sorted.map(([name, value]) => name + value).join('') + method + secret;
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** First value of a parameter. */
export function param(pairs: Pairs, name: string): string | undefined {
  return pairs.find((p) => p[0] === name)?.[1];
}
