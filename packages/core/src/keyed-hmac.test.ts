import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmac } from './digest.ts';
import { keyedHmac, webKeyedHmac } from './keyed-hmac.ts';

describe('keyedHmac', () => {
  it('chains byte keys as node:crypto does, raw and hex', async () => {
    const k1 = createHmac('sha256', 'AWS4secret').update('20150830').digest();
    const k2 = createHmac('sha256', k1).update('us-east-1').digest('hex');
    const first = await keyedHmac('sha256', 'AWS4secret', '20150830');
    expect(Buffer.from(first).equals(k1)).toBe(true);
    expect(await keyedHmac('sha256', first, 'us-east-1', 'hex')).toBe(k2);
  });

  it('gives the same bytes through WebCrypto, empty keys included', async () => {
    const k1 = createHmac('sha256', 'AWS4secret').update('20150830').digest();
    const web = await webKeyedHmac('sha256', 'AWS4secret', '20150830');
    expect(Buffer.from(web).equals(k1)).toBe(true);
    expect(await webKeyedHmac('sha256', web, 'x', 'hex')).toBe(
      createHmac('sha256', k1).update('x').digest('hex'),
    );
    expect(await webKeyedHmac('sha1', '', 'x', 'hex')).toBe(createHmac('sha1', '').update('x').digest('hex'));
  });

  // On Node both run through digest.ts's one HMAC, which keeps the last key's pads.
  it('matches createHmac with byte and string keys in turn, keyedHmac and hmac alternating', async () => {
    const keys: (string | Uint8Array)[] = [0, 1, 20, 64, 65, 200].map((n) => new Uint8Array(randomBytes(n)));
    keys.push('', 'secret', 'é'.repeat(40));
    for (let round = 0; round < 3; round++) {
      for (const [i, key] of keys.entries()) {
        const algorithm = i % 2 === 0 ? 'sha256' : 'sha1';
        const data = `${round}:${i}:☕`;
        const expected = createHmac(algorithm, key).update(data).digest('hex');
        expect(await keyedHmac(algorithm, key, data, 'hex')).toBe(expected);
        expect(Buffer.from(await keyedHmac(algorithm, key, data)).toString('hex')).toBe(expected);
        if (typeof key === 'string') expect(await hmac(algorithm, key, data)).toBe(expected);
        // The same bytes in another array: a different object, the same key.
        if (typeof key !== 'string')
          expect(await keyedHmac(algorithm, key.slice(), data, 'hex')).toBe(expected);
      }
    }
  });
});
