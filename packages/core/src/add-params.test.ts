import { describe, expect, it } from 'vitest';
import { addParams } from './add-params.ts';
import { UnreadableBodyError, UnsignableRequestError } from './errors.ts';
import type { AuthRequest, RequestBody } from './request.ts';

const request = (url: string, body: RequestBody = { kind: 'none' }): AuthRequest => ({
  method: body.kind === 'none' ? 'GET' : 'POST',
  url,
  headers: new Headers(),
  body,
});

describe('addParams', () => {
  it('adds to the query of a request without a form body, never a name twice', () => {
    const params = addParams(request('https://x.test/api?api_key=mine&a=1'));
    expect(params.add('api_key', 'k')).toBe(false);
    expect(params.add('sk', 'session')).toBe(true);
    expect(params.add('sk', 'other')).toBe(false);
    expect(params.add('auth_token', undefined)).toBe(false);
    expect(params.add('auth_token', '')).toBe(false);
    expect(params.all()).toEqual([
      ['api_key', 'mine'],
      ['a', '1'],
      ['sk', 'session'],
    ]);
    expect(params.signature()).toEqual({ query: [['sk', 'session']] });
  });

  it('adds to the form body of a form POST, and sees the form fields as present', () => {
    const params = addParams(request('https://x.test/api?a=1', { kind: 'form', fields: [['api_key', 'f']] }));
    expect(params.placement).toBe('form');
    params.add('api_key', 'k');
    params.add('api_sig', 'sig');
    expect(params.signature()).toEqual({ form: [['api_sig', 'sig']] });
  });

  it('keeps the query when asked to, and when the body is JSON or multipart', () => {
    const form = request('https://x.test/api', { kind: 'form', fields: [] });
    expect(addParams(form, { placement: 'query' }).placement).toBe('query');
    const json = request('https://x.test/api', {
      kind: 'bytes',
      contentType: 'application/json',
      data: '{}',
    });
    expect(addParams(json).placement).toBe('query');
    const multipart = request('https://x.test/api', {
      kind: 'opaque',
      contentType: 'multipart/form-data; boundary=x',
      stream: false,
    });
    expect(addParams(multipart).placement).toBe('query');
  });

  it('works on a plain list (an authorization link) and on params already collected', () => {
    const link = addParams([['perms', 'write']]);
    link.add('api_key', 'k');
    expect(link.all()).toEqual([
      ['perms', 'write'],
      ['api_key', 'k'],
    ]);
    const given = addParams(request('https://x.test/api?ignored=1'), { params: [['a', '1']] });
    expect(given.own).toEqual([['a', '1']]);
  });

  it('a stream body that may hold form fields cannot be signed', () => {
    const stream = request('https://x.test/api', { kind: 'opaque', contentType: undefined, stream: true });
    const error = (() => {
      try {
        addParams(stream);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnreadableBodyError);
    expect(error).toBeInstanceOf(UnsignableRequestError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_UNREADABLE_BODY', name: 'UnreadableBodyError' });
  });
});

it('UnsignableRequestError has its own stable code, apart from the URL error', () => {
  const error = new UnsignableRequestError('@authplug/lastfm', 'the request has no `method` parameter.');
  expect(error).toMatchObject({
    code: 'AUTHPLUG_UNSIGNABLE_REQUEST',
    name: 'UnsignableRequestError',
    message: '@authplug/lastfm: the request has no `method` parameter.',
  });
});
