import { createHash } from 'node:crypto';
import type { AuthRequest } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { NONCE_PLACEHOLDER, safecreative } from './strategy.ts';

const APP = { sharedKey: 'shared-1', privateKey: 'app-private' };
const USER = { authKey: 'auth-1', authPrivateKey: 'auth-private' };
const request = (component: string): AuthRequest => ({
  method: 'GET',
  url: `https://api.safecreative.org/v2/?component=${component}&code=7`,
  headers: { get: () => undefined },
  body: { kind: 'none' },
});
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('safecreative explain', () => {
  it('shows the signature base with the private key masked, and a signature node:crypto agrees with', async () => {
    const auth = safecreative({ ...APP, ...USER, clock: () => 1_271_749_822_099 });
    const e = await auth.explain!(request('work.get'), { attempt: 0 });
    expect(e.base).toBe(
      '‹authPrivateKey›&authkey=auth-1&code=7&component=work.get&sharedkey=shared-1&ztime=1271749822099',
    );
    expect(e.key).toBe('authPrivateKey');
    expect(e.signature).toBe(sha1(e.base.replace('‹authPrivateKey›', USER.authPrivateKey)));
    expect(e.placement).toBe('query signature');
    expect(e.added).toEqual(await auth.sign(request('work.get'), { attempt: 0 }));
    expect(JSON.stringify(e)).not.toContain(USER.authPrivateKey);
  });

  it('never draws a one-time nonce key to explain a nonce component', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response('<error><errorId>unexpected</errorId></error>');
    };
    const auth = safecreative({ ...APP, ...USER, fetch, nonceLock: false });
    const e = await auth.explain!(request('work.register'), { attempt: 0 });
    expect(calls).toBe(0);
    expect(e.params).toContainEqual(['noncekey', NONCE_PLACEHOLDER]);
    expect(e.key).toBe('authPrivateKey');
  });
});
