import { createHmac } from 'node:crypto';
import type { AuthRequest } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { oauth1 } from './index.ts';

// RFC 5849 section 1.2, protected resource request: the printed base string and signature.
const BASE =
  'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal';
const client = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
  realm: 'Photos',
  oauthVersion: false,
  clock: () => 137131202_000,
  nonce: () => 'chapoH',
} as const;
const request = (url: string, method = 'GET'): AuthRequest => ({
  method,
  url,
  headers: { get: () => undefined },
  body: { kind: 'none' },
});

describe('oauth1 explain', () => {
  it('shows the RFC 5849 base string, the key names and the signature placed in the header', async () => {
    expect(createHmac('sha1', 'kd94hf93k423kf44&pfkkdhi9sl3r4s00').update(BASE).digest('base64')).toBe(
      'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
    );
    const auth = oauth1(client);
    const req = request('http://photos.example.net/photos?file=vacation.jpg&size=original');
    const e = await auth.explain!(req, { attempt: 0 });
    expect(e).toMatchObject({
      algorithm: 'HMAC-SHA1',
      base: BASE,
      key: 'consumerSecret&tokenSecret',
      signature: 'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
      placement: 'header Authorization (oauth_signature)',
    });
    expect(e.added).toEqual(await auth.sign(req, { attempt: 0 }));
  });

  it('masks a PLAINTEXT signature, which is the secrets themselves', async () => {
    const auth = oauth1({ ...client, signatureMethod: 'PLAINTEXT', placement: 'query' });
    const e = await auth.explain!(request('https://photos.example.net/photos', 'POST'), { attempt: 0 });
    expect(e.signature).toBe('‹consumerSecret›&‹tokenSecret›');
    const text = JSON.stringify(e);
    expect(text).not.toContain(client.consumerSecret);
    expect(text).not.toContain(client.tokenSecret);
    expect(e.added.query?.find(([n]) => n === 'oauth_signature')?.[1]).toBe('‹consumerSecret›&‹tokenSecret›');
  });
});
