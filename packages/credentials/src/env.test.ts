import { afterEach, describe, expect, it } from 'vitest';
import { ENV_FIELDS, envFieldName, envStore } from './env.ts';

afterEach(() => {
  delete process.env['AUTHPLUG_ENVTEST_API_KEY'];
});

describe('envStore naming', () => {
  it('reads AUTHPLUG_<PROVIDER>_<PROFILE>_<FIELD>, the field in SCREAMING_SNAKE_CASE', async () => {
    const store = envStore({
      env: {
        AUTHPLUG_IPERNITY_DEFAULT_API_KEY: 'k',
        AUTHPLUG_IPERNITY_DEFAULT_SECRET: 's',
        AUTHPLUG_OAUTH1_WORK_CONSUMER_KEY: 'ck',
        AUTHPLUG_OAUTH1_WORK_TOKEN_SECRET: 'ts',
        AUTHPLUG_OAUTH1_WORK_TOKEN: 't',
        AUTHPLUG_SAFECREATIVE_ARENA_AUTH_PRIVATE_KEY: 'apk',
      },
    });
    expect(await store.get('ipernity/default')).toEqual({ apiKey: 'k', secret: 's' });
    expect(await store.get('oauth1/work')).toEqual({ consumerKey: 'ck', tokenSecret: 'ts', token: 't' });
    expect(await store.get('safecreative/arena')).toEqual({ authPrivateKey: 'apk' });
    expect(await store.list()).toEqual(['ipernity/default', 'oauth1/work', 'safecreative/arena']);
    expect(await store.list('oauth1/')).toEqual(['oauth1/work']);
  });

  it('lets the default profile be left out', async () => {
    const store = envStore({
      env: {
        AUTHPLUG_IPERNITY_API_KEY: 'k',
        AUTHPLUG_IPERNITY_SECRET: 's',
        AUTHPLUG_IPERNITY_AUTH_TOKEN: 't',
        AUTHPLUG_IPERNITY_PERMISSIONS: 'doc:write',
      },
    });
    expect(await store.get('ipernity/default')).toEqual({
      apiKey: 'k',
      secret: 's',
      authToken: 't',
      permissions: 'doc:write',
    });
    expect(await store.list()).toEqual(['ipernity/default']);
  });

  it('reads every documented multi-word field without a profile', async () => {
    const env: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const field of ENV_FIELDS) {
      // by hand: apiKey → API_KEY
      env[`AUTHPLUG_P_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = `v-${field}`;
      expected[field] = `v-${field}`;
    }
    const store = envStore({ env });
    expect(await store.get('p/default')).toEqual(expected);
    expect(await store.list()).toEqual(['p/default']);
  });

  it('resolves ambiguity: the remainder is a profile-less field when it is one word or a known field, else it starts with a profile', async () => {
    const store = envStore({
      env: {
        AUTHPLUG_X_API_KEY: 'default-api-key', // known field apiKey → default profile
        AUTHPLUG_X_API_API_KEY: 'api-api-key', // not a known field → profile "api", field apiKey
        AUTHPLUG_X_TOKEN_SECRET: 'default-ts', // known tokenSecret (not profile "token", field "secret")
        AUTHPLUG_X_WORK_TOKEN: 'work-token', // not known → profile "work"
        AUTHPLUG_X_WORK: 'one-word', // one segment → default field "work"
        AUTHPLUG_X_CUSTOM_THING: 'custom', // unknown two words → profile "custom", field "thing"
        AUTHPLUG_X_DEFAULT_REFRESH_TOKEN: 'rt', // the explicit DEFAULT form takes any field
      },
    });
    expect(await store.get('x/default')).toEqual({
      apiKey: 'default-api-key',
      tokenSecret: 'default-ts',
      work: 'one-word',
      refreshToken: 'rt',
    });
    expect(await store.get('x/api')).toEqual({ apiKey: 'api-api-key' });
    expect(await store.get('x/work')).toEqual({ token: 'work-token' });
    expect(await store.get('x/custom')).toEqual({ thing: 'custom' });
    expect(await store.list()).toEqual(['x/api', 'x/custom', 'x/default', 'x/work']);
  });

  it('takes more profile-less fields from the fields option', async () => {
    const env = { AUTHPLUG_X_REFRESH_TOKEN: 'rt', AUTHPLUG_X_API_KEY: 'k' };
    expect(await envStore({ env }).get('x/refresh')).toEqual({ token: 'rt' });
    const store = envStore({ env, fields: ['refreshToken'] });
    expect(await store.get('x/default')).toEqual({ apiKey: 'k', refreshToken: 'rt' });
    expect(await store.list()).toEqual(['x/default']);
  });

  it('lets the explicit DEFAULT form win over the short form for the same field', async () => {
    const store = envStore({ env: { AUTHPLUG_X_DEFAULT_API_KEY: 'explicit', AUTHPLUG_X_API_KEY: 'short' } });
    expect(await store.get('x/default')).toEqual({ apiKey: 'explicit' });
  });

  it('ignores empty values, other prefixes, lower-case names and names with no field', async () => {
    const store = envStore({
      env: {
        AUTHPLUG_X_API_KEY: '',
        AUTHPLUGX_Y_API_KEY: 'no',
        authplug_z_api_key: 'no',
        AUTHPLUG_DEBUG: '1',
        AUTHPLUG_Q__API_KEY: 'no',
        OTHER: 'no',
      },
    });
    expect(await store.list()).toEqual([]);
    expect(await store.get('x/default')).toBeUndefined();
  });

  it('takes another prefix', async () => {
    const store = envStore({ prefix: 'MYAPP', env: { MYAPP_X_API_KEY: 'k', AUTHPLUG_Y_API_KEY: 'no' } });
    expect(await store.list()).toEqual(['x/default']);
    expect(await store.get('x/default')).toEqual({ apiKey: 'k' });
    expect(() => envStore({ prefix: 'MY APP' })).toThrow(/prefix/);
  });

  it('reads process.env by default, on every call', async () => {
    const store = envStore();
    expect(await store.get('envtest/default')).toBeUndefined();
    process.env['AUTHPLUG_ENVTEST_API_KEY'] = 'live';
    expect(await store.get('envtest/default')).toEqual({ apiKey: 'live' });
  });

  it('spells fields in SCREAMING_SNAKE_CASE', () => {
    expect(envFieldName('apiKey')).toBe('API_KEY');
    expect(envFieldName('authPrivateKey')).toBe('AUTH_PRIVATE_KEY');
    expect(envFieldName('token')).toBe('TOKEN');
    expect(envFieldName('oauth1Token')).toBe('OAUTH1_TOKEN');
  });
});
