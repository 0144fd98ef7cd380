import { createHash } from 'node:crypto';
import { inspect as utilInspect } from 'node:util';
import {
  type AuthRequest,
  type AuthResponse,
  type Digests,
  InvalidOptionError,
  MissingOptionError,
  type Param,
  RETRY,
  type Signature,
  webDigests,
} from '@authplug/core';
import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import {
  InvalidNonceError,
  InvalidSignatureError,
  TimeOutOfRangeError,
  UnauthorizedAuthkeyError,
} from './errors.ts';
import { safecreative } from './strategy.ts';

const APP = { sharedKey: 'shared-1', privateKey: 'app-private' };
const USER = { authKey: 'auth-1', authPrivateKey: 'auth-private' };
const API = 'https://api.safecreative.org/v2/';

// Independent check: node:crypto over the raw sorted pairs.
const expectedSignature = (privateKey: string, pairs: readonly Param[]) =>
  createHash('sha1')
    .update(
      `${privateKey}&${pairs
        .filter(([n]) => n !== 'signature')
        .map(([n, v]) => `${n}=${v}`)
        .sort()
        .join('&')}`,
    )
    .digest('hex');

function request(params: [string, string][], form?: [string, string][]): AuthRequest {
  return {
    method: form ? 'POST' : 'GET',
    url: `${API}?${new URLSearchParams(params)}`,
    headers: { get: () => undefined },
    body: form ? { kind: 'form', fields: form } : { kind: 'none' },
  };
}
const signed = (req: AuthRequest, sig: Signature): Param[] => [
  ...new URL(req.url).searchParams,
  ...(req.body.kind === 'form' ? req.body.fields : []),
  ...(sig.query ?? []),
  ...(sig.form ?? []),
];
const get = (pairs: readonly Param[], name: string) => pairs.find(([n]) => n === name)?.[1];
const response = (text: string, headers: Record<string, string> = {}): AuthResponse => ({
  status: 200,
  headers: { get: (name) => headers[name.toLowerCase()] },
  text: async () => text,
});

/** A stub of the provider's authkey.state: a nonce that changes when `consume()` is called. */
function stateServer({ authorized = true } = {}) {
  let nonce = 0;
  const calls: URL[] = [];
  return {
    calls,
    consume: () => nonce++,
    fetch: async (input: string) => {
      const url = new URL(input);
      calls.push(url);
      if (url.searchParams.get('component') === 'ztime') return new Response('<ztime>5000000</ztime>');
      const body = authorized
        ? `<authkeystate><authkey>${USER.authKey}</authkey><authorized>true</authorized><level>ADD</level><noncekey>n${nonce}</noncekey></authkeystate>`
        : `<authkeystate><authkey>${USER.authKey}</authkey><authorized>false</authorized></authkeystate>`;
      return new Response(body);
    },
  };
}

describe('safecreative: signing', () => {
  it('adds sharedkey and ztime and signs with the application key when no authkey is held', async () => {
    const auth = safecreative({ ...APP, clock: () => 1_271_749_822_099 });
    const req = request([
      ['component', 'work.get'],
      ['code', '1'],
    ]);
    const sig = await auth.sign(req, { attempt: 0 });
    expect(sig.query?.map(([n]) => n)).toEqual(['sharedkey', 'ztime', 'signature']);
    const all = signed(req, sig);
    expect(get(all, 'ztime')).toBe('1271749822099');
    expect(get(all, 'signature')).toBe(expectedSignature(APP.privateKey, all));
  });

  it('signs through the `digests` option when one is given (the WebCrypto path here)', async () => {
    const used: string[] = [];
    const digests: Digests = {
      ...webDigests,
      hash: (algorithm, data, encoding) => {
        used.push(algorithm);
        return webDigests.hash(algorithm, data, encoding);
      },
    };
    const auth = safecreative({ ...APP, clock: () => 1_271_749_822_099, digests });
    const req = request([['component', 'work.get']]);
    const all = signed(req, await auth.sign(req, { attempt: 0 }));
    expect(used).toEqual(['sha1']);
    expect(get(all, 'signature')).toBe(expectedSignature(APP.privateKey, all));
  });

  it('adds the authkey and signs user components with the authkey private key', async () => {
    const auth = safecreative({ ...APP, ...USER });
    const req = request([['component', 'work.list']]);
    const all = signed(req, await auth.sign(req, { attempt: 0 }));
    expect(get(all, 'authkey')).toBe(USER.authKey);
    expect(get(all, 'signature')).toBe(expectedSignature(USER.authPrivateKey, all));
  });

  it('signs authkey.state with the application key even though it carries the authkey (configurable)', async () => {
    const req = request([['component', 'authkey.state']]);
    const all = signed(req, await safecreative({ ...APP, ...USER }).sign(req, { attempt: 0 }));
    expect(get(all, 'authkey')).toBe(USER.authKey);
    expect(get(all, 'signature')).toBe(expectedSignature(APP.privateKey, all));
    const custom = safecreative({ ...APP, ...USER, sharedKeySigned: [] });
    const other = signed(req, await custom.sign(req, { attempt: 0 }));
    expect(get(other, 'signature')).toBe(expectedSignature(USER.authPrivateKey, other));
  });

  it('does not send the held authkey with authkey.create', async () => {
    const req = request([['component', 'authkey.create']]);
    const all = signed(req, await safecreative({ ...APP, ...USER }).sign(req, { attempt: 0 }));
    expect(get(all, 'authkey')).toBeUndefined();
    expect(get(all, 'signature')).toBe(expectedSignature(APP.privateKey, all));
  });

  it('puts its params in the form body of a form post, and signs query and form together', async () => {
    const req = request(
      [['component', 'work.list']],
      [
        ['page', '2'],
        ['title', 'a b&c'],
      ],
    );
    const sig = await safecreative({ ...APP, ...USER }).sign(req, { attempt: 0 });
    expect(sig.query).toBeUndefined();
    const all = signed(req, sig);
    expect(get(all, 'signature')).toBe(expectedSignature(USER.authPrivateKey, all));
  });

  it('reads a store on every request', async () => {
    const store = memoryStore({ 'safecreative/me': { ...APP } });
    const auth = safecreative({ store, profile: 'me' });
    const req = request([['component', 'work.list']]);
    expect(get(signed(req, await auth.sign(req, { attempt: 0 })), 'authkey')).toBeUndefined();
    await store.set('safecreative/me', { ...APP, ...USER });
    const all = signed(req, await auth.sign(req, { attempt: 0 }));
    expect(get(all, 'authkey')).toBe(USER.authKey);
    expect(get(all, 'signature')).toBe(expectedSignature(USER.authPrivateKey, all));
  });

  it('fails at construction on missing or unusable options, naming the option', () => {
    expect(() => safecreative({ sharedKey: 's' } as never)).toThrow(MissingOptionError);
    expect(() => safecreative({ ...APP, authKey: 'a' })).toThrow(InvalidOptionError);
    expect(() => safecreative({ ...APP, server: 'nope' })).toThrow(/`server`/);
    expect(safecreative({ ...APP, server: 'arena' }).endpoint).toBe('https://arena.safecreative.org/v2/');
    expect(safecreative({ ...APP, server: 'http://127.0.0.1:9/v2' }).endpoint).toBe('http://127.0.0.1:9/v2/');
  });

  it('keeps secrets out of the strategy object, JSON and util.inspect', () => {
    const auth = safecreative({ ...APP, ...USER });
    const shown = `${JSON.stringify(auth)} ${utilInspect(auth, { depth: 5, showHidden: true })}`;
    expect(shown).not.toContain(APP.privateKey);
    expect(shown).not.toContain(USER.authPrivateKey);
  });
});

describe('safecreative: nonce keys', () => {
  it('fetches the current noncekey from authkey.state (signed with the application key) before a nonce call', async () => {
    const server = stateServer();
    const auth = safecreative({ ...APP, ...USER, fetch: server.fetch });
    const req = request([
      ['component', 'work.register'],
      ['title', 'x'],
    ]);
    const all = signed(req, await auth.sign(req, { attempt: 0 }));
    expect(get(all, 'noncekey')).toBe('n0');
    expect(get(all, 'signature')).toBe(expectedSignature(USER.authPrivateKey, all));
    const state = [...server.calls[0]!.searchParams] as Param[];
    expect(get(state, 'component')).toBe('authkey.state');
    expect(get(state, 'signature')).toBe(expectedSignature(APP.privateKey, state));
    await auth.inspect!(response('<workregistry><code>1</code></workregistry>'), req, { attempt: 0 });
  });

  it('serializes nonce calls per authkey: the next one waits for the answer to the previous one', async () => {
    const server = stateServer();
    const auth = safecreative({ ...APP, ...USER, fetch: server.fetch });
    const first = request([
      ['component', 'work.register'],
      ['title', 'one'],
    ]);
    const second = request([
      ['component', 'work.register'],
      ['title', 'two'],
    ]);
    const a = await auth.sign(first, { attempt: 0 });
    let signedSecond: Signature | undefined;
    const pending = auth.sign(second, { attempt: 0 }).then((s) => (signedSecond = s));
    await new Promise((r) => setTimeout(r, 30));
    expect(signedSecond).toBeUndefined();
    server.consume(); // the provider consumed n0 and answered
    await auth.inspect!(response('<workregistry><code>1</code></workregistry>'), first, { attempt: 0 });
    await pending;
    expect(get(signed(first, a), 'noncekey')).toBe('n0');
    expect(get(signed(second, signedSecond!), 'noncekey')).toBe('n1');
    await auth.inspect!(response('<workregistry><code>2</code></workregistry>'), second, { attempt: 0 });
  });

  it('does not deadlock: a hold lapses after nonceHoldMs, and a retry of the same call lets go of its own hold', async () => {
    const server = stateServer();
    const auth = safecreative({ ...APP, ...USER, fetch: server.fetch, nonceHoldMs: 250 });
    const req = request([
      ['component', 'work.register'],
      ['title', 'lost'],
    ]);
    await auth.sign(req, { attempt: 0 }); // never answered
    server.consume();
    const retry = await auth.sign(req, { attempt: 1 }); // same call, re-signed by the client
    expect(get(signed(req, retry), 'noncekey')).toBe('n1');
    const other = request([
      ['component', 'work.register'],
      ['title', 'other'],
    ]);
    const started = Date.now();
    server.consume();
    await auth.sign(other, { attempt: 0 }); // waits for the lapse of the unanswered hold
    expect(Date.now() - started).toBeGreaterThanOrEqual(125);
  });

  it('never sends a nonce that is still in flight on an unanswered call', async () => {
    const server = stateServer();
    const auth = safecreative({ ...APP, ...USER, fetch: server.fetch, nonceHoldMs: 100 });
    await auth.sign(
      request([
        ['component', 'work.register'],
        ['title', 'slow'],
      ]),
      { attempt: 0 },
    );
    // The hold lapses but the provider still hands out n0: the next call must not send it.
    await expect(
      auth.sign(
        request([
          ['component', 'work.register'],
          ['title', 'next'],
        ]),
        { attempt: 0 },
      ),
    ).rejects.toBeInstanceOf(InvalidNonceError);
  });

  it('asks for a retry on a nonce error, once', async () => {
    const server = stateServer();
    const auth = safecreative({ ...APP, ...USER, fetch: server.fetch });
    const req = request([['component', 'work.register']]);
    const used = '<error><errorId>NonceKeyUsed</errorId><errorMessage>used</errorMessage></error>';
    await auth.sign(req, { attempt: 0 });
    expect(await auth.inspect!(response(used), req, { attempt: 0 })).toBe(RETRY);
    await auth.sign(req, { attempt: 1 });
    await expect(auth.inspect!(response(used), req, { attempt: 1 })).rejects.toBeInstanceOf(
      InvalidNonceError,
    );
  });

  it('rejects with a typed error when the authkey is not authorized', async () => {
    const auth = safecreative({ ...APP, ...USER, fetch: stateServer({ authorized: false }).fetch });
    await expect(auth.sign(request([['component', 'work.register']]), { attempt: 0 })).rejects.toBeInstanceOf(
      UnauthorizedAuthkeyError,
    );
  });

  it('needs an authkey for nonce components', async () => {
    await expect(
      safecreative(APP).sign(request([['component', 'work.register']]), { attempt: 0 }),
    ).rejects.toMatchObject({ code: 'AUTHPLUG_SAFECREATIVE_NO_AUTHKEY' });
  });
});

describe('safecreative: responses', () => {
  it('passes answers through and maps errors to typed errors', async () => {
    const auth = safecreative({ ...APP, ...USER });
    const req = request([['component', 'work.list']]);
    expect(
      await auth.inspect!(response('<worklist><works/></worklist>'), req, { attempt: 0 }),
    ).toBeUndefined();
    expect(
      await auth.inspect!(response('<html><body>hi</body></html>'), req, { attempt: 0 }),
    ).toBeUndefined();
    await expect(
      auth.inspect!(response('{"error":{"errorId":"InvalidSignature","errorMessage":"bad"}}'), req, {
        attempt: 0,
      }),
    ).rejects.toBeInstanceOf(InvalidSignatureError);
  });

  it('learns the clock offset from the Date header on a time error and retries once', async () => {
    const auth = safecreative({ ...APP, ...USER, clock: () => 1_000_000 });
    const req = request([['component', 'work.list']]);
    const late = '<error><errorId>InvalidTime</errorId><errorMessage>out of range</errorMessage></error>';
    const date = new Date(4_600_000).toUTCString();
    expect(await auth.inspect!(response(late, { date }), req, { attempt: 0 })).toBe(RETRY);
    expect(auth.clock.offset).toBe(3_600_000 - (4_600_000 % 1000));
    const all = signed(req, await auth.sign(req, { attempt: 1 }));
    expect(get(all, 'ztime')).toBe(String(4_600_000 - (4_600_000 % 1000)));
    await expect(auth.inspect!(response(late, { date }), req, { attempt: 1 })).rejects.toBeInstanceOf(
      TimeOutOfRangeError,
    );
  });

  it('falls back to the ztime component when there is no Date header', async () => {
    const server = stateServer();
    const auth = safecreative({ ...APP, ...USER, clock: () => 1_000_000, fetch: server.fetch });
    const late = '<error><errorId>InvalidTime</errorId></error>';
    expect(await auth.inspect!(response(late), request([['component', 'work.list']]), { attempt: 0 })).toBe(
      RETRY,
    );
    expect(auth.clock.offset).toBe(4_000_000);
  });
});
