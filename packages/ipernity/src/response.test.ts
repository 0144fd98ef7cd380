import { describe, expect, it } from 'vitest';
import { parseIpernityResponse } from './response.ts';

describe('parseIpernityResponse', () => {
  it('reads json errors and payloads', async () => {
    expect(
      await parseIpernityResponse('{"api":{"status":"error","code":"105","message":"Invalid signature"}}'),
    ).toEqual({
      ok: false,
      code: '105',
      message: 'Invalid signature',
      data: {},
    });
    expect(await parseIpernityResponse('{"auth":{"frob":"1-ab"},"api":{"status":"ok"}}')).toEqual({
      ok: true,
      code: undefined,
      message: undefined,
      data: { auth: { frob: '1-ab' } },
    });
  });

  it('reads xml errors (attribute and child forms) and payloads', async () => {
    expect(
      await parseIpernityResponse(
        '<?xml version="1.0"?>\n<api status="error" code="104" message="Missing signature"/>',
      ),
    ).toMatchObject({ ok: false, code: '104', message: 'Missing signature' });
    expect(
      await parseIpernityResponse('<api status="error"><error code="103" message="Invalid token"/></api>'),
    ).toMatchObject({
      ok: false,
      code: '103',
    });
    const ok = await parseIpernityResponse(
      '<api status="ok"><auth><token>9-e5</token><permissions doc="read" blog="none"/><user user_id="123" username="james007" realname="James &amp; Bond"/></auth></api>',
    );
    expect(ok).toEqual({
      ok: true,
      code: undefined,
      message: undefined,
      data: {
        auth: {
          token: '9-e5',
          permissions: { doc: 'read', blog: 'none' },
          user: { user_id: '123', username: 'james007', realname: 'James & Bond' },
        },
      },
    });
  });

  it('returns undefined for other bodies', async () => {
    expect(await parseIpernityResponse('<html><body>502</body></html>')).toBeUndefined();
    expect(await parseIpernityResponse('{"nope":1}')).toBeUndefined();
    expect(await parseIpernityResponse('')).toBeUndefined();
    expect(await parseIpernityResponse('{broken')).toBeUndefined();
  });
});
