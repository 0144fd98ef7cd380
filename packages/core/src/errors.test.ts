import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AuthplugError, isAuthplugError, MissingOptionError, ProviderError } from './errors.ts';
import { requireString } from './options.ts';

describe('errors', () => {
  it('carry a stable code, a name and a message that says what to do', () => {
    const error = new MissingOptionError('@authplug/x', 'apiSecret');
    expect(error).toBeInstanceOf(AuthplugError);
    expect(error.name).toBe('MissingOptionError');
    expect(error.code).toBe('AUTHPLUG_MISSING_OPTION');
    expect(error.message).toBe('@authplug/x: option `apiSecret` is required and must be a non-empty string.');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'MissingOptionError',
      code: 'AUTHPLUG_MISSING_OPTION',
      message: error.message,
    });
  });

  it('serialize without their cause, which may hold request data', () => {
    const error = new AuthplugError('AUTHPLUG_X', 'x failed', { cause: new Error('secret=hunter2') });
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('are recognised across copies of core by their code', () => {
    const foreign = Object.assign(new Error('from another copy'), { code: 'AUTHPLUG_MISSING_OPTION' });
    expect(isAuthplugError(foreign)).toBe(true);
    expect(isAuthplugError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isAuthplugError({ code: 'AUTHPLUG_X' })).toBe(false);
  });

  it('ProviderError reports the provider code and message, and no request data', () => {
    const error = new ProviderError('ipernity', {
      providerCode: '105',
      providerMessage: 'Invalid signature',
      status: 200,
    });
    expect(error.message).toBe('ipernity rejected the request (code 105: Invalid signature).');
    expect(inspect(error)).toContain('providerCode');
  });

  it('requireString validates at construction, naming the option', () => {
    expect(requireString('@authplug/x', { a: 'v' }, 'a')).toBe('v');
    for (const bad of [{}, { a: '' }, { a: '  ' }, { a: 42 }]) {
      expect(() => requireString('@authplug/x', bad, 'a')).toThrow(expect.objectContaining({ option: 'a' }));
    }
  });
});
