import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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
});
