import { ProviderError } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import {
  InsufficientLevelError,
  InvalidNonceError,
  InvalidSignatureError,
  TimeOutOfRangeError,
  toSafeCreativeError,
  UnauthorizedAuthkeyError,
} from './errors.ts';
import { errorOf, field, mayBeError, parseSafeCreative } from './response.ts';

describe('parseSafeCreative', () => {
  it("reads the reference's authkey.create and authkey.state answers (safecreative-authkey.txt)", () => {
    const created = parseSafeCreative(`<?xml version="1.0" encoding="UTF-8"?>
<authkeycreate>
  <authkey>23j22wtpoguzgzk0fag39sey6</authkey>
  <privatekey>1f5lcps1hvpo7y1sw175y5qkp</privatekey>
</authkeycreate>`);
    expect(created).toEqual({
      root: 'authkeycreate',
      value: { authkey: '23j22wtpoguzgzk0fag39sey6', privatekey: '1f5lcps1hvpo7y1sw175y5qkp' },
    });
    const state = parseSafeCreative(
      '<?xml version="1.0" encoding="UTF-8"?>\n<authkeystate><authkey>23j22wtpoguzgzk0fag39sey6</authkey><authorized>false</authorized></authkeystate>',
    );
    expect(field(state?.value, 'authorized')).toBe('false');
  });

  it('keeps numeric-looking values as strings (leading zeros, 13-digit codes)', () => {
    const doc = parseSafeCreative(
      '<authkeystate><noncekey>000123</noncekey><usercode>1004150000031</usercode></authkeystate>',
    );
    expect(field(doc?.value, 'noncekey')).toBe('000123');
    expect(field(doc?.value, 'usercode')).toBe('1004150000031');
  });

  it('reads JSON (format=json) and stringifies scalars', () => {
    const doc = parseSafeCreative('{"authkeystate":{"authorized":true,"noncekey":"n1"}}');
    expect(doc?.root).toBe('authkeystate');
    expect(field(doc?.value, 'authorized')).toBe('true');
  });

  it('returns undefined for anything else', () => {
    expect(parseSafeCreative('')).toBeUndefined();
    expect(parseSafeCreative('OK')).toBeUndefined();
    expect(parseSafeCreative('{"a":1,"b":2}')).toBeUndefined();
    expect(parseSafeCreative('{not json')).toBeUndefined();
  });

  it('finds errors in both shapes the provider uses, XML and JSON', () => {
    expect(
      errorOf(
        parseSafeCreative('<error><errorId>InvalidTime</errorId><errorMessage>late</errorMessage></error>'),
      ),
    ).toEqual({
      errorId: 'InvalidTime',
      errorMessage: 'late',
    });
    expect(
      errorOf(
        parseSafeCreative(
          '<exception><exceptionId>Boom</exceptionId><exceptionMessage>x</exceptionMessage></exception>',
        ),
      ),
    ).toEqual({ errorId: 'Boom', errorMessage: 'x' });
    expect(
      errorOf(parseSafeCreative('{"error":{"errorId":"NotAuthorized","errorMessage":"no"}}'))?.errorId,
    ).toBe('NotAuthorized');
    expect(errorOf(parseSafeCreative('<workregistry><code>1</code></workregistry>'))).toBeUndefined();
  });
});

describe('mayBeError', () => {
  it('lets every error shape through and skips plain answers', () => {
    for (const text of ['<error><errorId>x</errorId></error>', '<exception/>', '{"error":{}}']) {
      expect(mayBeError(text)).toBe(true);
    }
    expect(mayBeError('<worklist><works><work><code>1</code></work></works></worklist>')).toBe(false);
  });
});

describe('toSafeCreativeError', () => {
  it.each([
    ['InvalidSignature', InvalidSignatureError, 'AUTHPLUG_SAFECREATIVE_INVALID_SIGNATURE'],
    ['NotAuthorized', UnauthorizedAuthkeyError, 'AUTHPLUG_SAFECREATIVE_UNAUTHORIZED_AUTHKEY'],
    ['AuthkeyNotFound', UnauthorizedAuthkeyError, 'AUTHPLUG_SAFECREATIVE_UNAUTHORIZED_AUTHKEY'],
    ['InsufficientLevel', InsufficientLevelError, 'AUTHPLUG_SAFECREATIVE_INSUFFICIENT_LEVEL'],
    ['NonceKeyUsed', InvalidNonceError, 'AUTHPLUG_SAFECREATIVE_INVALID_NONCE'],
    ['InvalidNonce', InvalidNonceError, 'AUTHPLUG_SAFECREATIVE_INVALID_NONCE'],
    ['InvalidTime', TimeOutOfRangeError, 'AUTHPLUG_SAFECREATIVE_TIME_OUT_OF_RANGE'],
  ])('%s → %o', (errorId, Type, code) => {
    const error = toSafeCreativeError({ errorId, errorMessage: 'text', status: 200 });
    expect(error).toBeInstanceOf(Type);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code, providerCode: errorId, providerMessage: 'text', status: 200 });
    expect(error.message).toMatch(/^@authplug\/safecreative rejected the request \(code /);
  });

  it('keeps unknown ids as a generic ProviderError with code and message', () => {
    const error = toSafeCreativeError({ errorId: 'WorkNotFound', errorMessage: 'No such work.' });
    expect(error.constructor).toBe(ProviderError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_PROVIDER_ERROR', providerCode: 'WorkNotFound' });
    expect(toSafeCreativeError({ errorId: 'toString' }).constructor).toBe(ProviderError);
  });
});
