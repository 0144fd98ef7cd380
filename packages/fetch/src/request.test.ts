import { describe, expect, it } from 'vitest';
import { toAuthRequest } from './request.ts';

describe('toAuthRequest', () => {
  it('reads a form body from a clone, leaving the Request unread', async () => {
    const request = new Request('https://api.test/x?a=1#f', {
      method: 'POST',
      body: new URLSearchParams({ b: '2' }),
    });
    const auth = await toAuthRequest(request);
    expect(auth).toMatchObject({
      method: 'POST',
      url: 'https://api.test/x?a=1',
      body: { kind: 'form', fields: [['b', '2']] },
    });
    expect(await request.text()).toBe('b=2');
  });

  it('reads JSON as bytes but leaves an untyped stream unread', async () => {
    const json = await toAuthRequest(
      new Request('https://api.test/', {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(json.body).toEqual({ kind: 'bytes', contentType: 'application/json', data: '{"a":1}' });
    const stream = new Request('https://api.test/', {
      method: 'POST',
      body: new ReadableStream(),
      duplex: 'half',
    } as RequestInit);
    expect((await toAuthRequest(stream)).body).toMatchObject({ kind: 'opaque', stream: true });
  });
});
