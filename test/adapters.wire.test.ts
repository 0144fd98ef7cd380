import { AuthplugError, RETRY } from '@authplug/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Call, clients } from './support/clients.ts';
import { type Placement, probe, type Seen, verifyProbe } from './support/probe.ts';

// Proves, for each client, that the bytes on the wire are the bytes the strategy signed: the
// server recomputes the probe signature from the raw request with node:crypto alone.

const BASE = 'https://api.test/v1/api/';
const seen: Seen[] = [];
let script: ((attempt: number) => Response | undefined) | undefined;

const server = setupServer(
  http.all('https://api.test/*', async ({ request }) => {
    const record = await verifyProbe(request);
    seen.push(record);
    const scripted = script?.(seen.length);
    if (scripted) return scripted;
    return HttpResponse.json(
      { verified: record.verified, params: record.params, body: record.body },
      { status: record.verified ? 200 : 401 },
    );
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  seen.length = 0;
  script = undefined;
});
afterAll(() => server.close());

// Names and values that break naive encoders: reserved characters, unicode, empties, repeats.
const RESERVED = "!*'()&=+/?#";
const enc = encodeURIComponent;
const urlQuery: [string, string][] = [
  ['q', 'café ☕'],
  [`k${RESERVED}`, `v${RESERVED}`],
  ['empty', ''],
  ['tag', 'a'],
  ['tag', 'b'],
];
// Distinct names from the URL's: got lets a same-named option param replace the URL's ones.
const optionParams: [string, string][] = [
  ['tag2', 'c'],
  ['ü', '✓ ok'],
  ['plus', '1+1 = 2'],
];
const pathWithQuery = `items?${urlQuery.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
const formFields: [string, string][] = [
  ['title', 'Été 1923 — «ok»'],
  [`k${RESERVED}`, `v${RESERVED}`],
  ['tag', 'x'],
  ['tag', 'y'],
  ['blank', ''],
];

async function send(client: (typeof clients)[number], call: Call, placement: Placement = 'query') {
  const strategy = probe(placement);
  const reply = await client.send(strategy, BASE, call);
  return { reply, strategy };
}

describe.each(clients)('$name adapter', (client) => {
  it('signs a GET whose params are split between the URL and the client options', async () => {
    const { reply } = await send(client, { method: 'GET', path: pathWithQuery, params: optionParams });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.verified).toBe(true);
    expect(reply.status).toBe(200);
    expect(seen[0]!.params).toEqual([...urlQuery, ...optionParams]);
  });

  it.each(['query', 'header'] as const)('places the signature in the %s', async (placement) => {
    await send(client, { method: 'GET', path: 'items?a=1', params: [['b', '2']] }, placement);
    expect(seen[0]!.verified).toBe(true);
    expect(seen[0]!.params).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('signs a POST form given as URLSearchParams, with form placement too', async () => {
    for (const placement of ['query', 'form', 'header'] as const) {
      seen.length = 0;
      await send(
        client,
        { method: 'POST', path: 'items?x=1', form: { kind: 'params', fields: formFields } },
        placement,
      );
      expect(seen[0]!.verified, placement).toBe(true);
      expect(seen[0]!.params).toEqual([['x', '1'], ...formFields]);
    }
  });

  it('signs a form body given as a string under an oddly-cased content type', async () => {
    const text = formFields.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    await send(client, {
      method: 'POST',
      path: 'items',
      form: { kind: 'string', text, contentType: 'Application/X-WWW-Form-URLEncoded; charset=UTF-8' },
    });
    expect(seen[0]!.verified).toBe(true);
    expect(seen[0]!.params).toEqual(formFields);
  });

  it('sends a JSON body intact and signs only the query', async () => {
    const json = { title: 'Été', n: 1, nested: { ok: true } };
    const { strategy } = await send(client, { method: 'POST', path: 'items?a=1', json });
    expect(seen[0]!.verified).toBe(true);
    expect(seen[0]!.params).toEqual([['a', '1']]);
    expect(JSON.parse(seen[0]!.body)).toEqual(json);
    expect(strategy.signed[0]!.body.kind).toBe('bytes');
  });

  it('never sends a request whose signing fails', async () => {
    const error = await client
      .send(probe('query', { fail: true }), BASE, { method: 'GET', path: 'items' })
      .catch((e: unknown) => e);
    expect(seen).toHaveLength(0);
    expect(error).toBeInstanceOf(AuthplugError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_TEST_REFUSED' });
  });

  it('resends once, signed afresh, when the strategy asks for it', async () => {
    script = (n) => (n === 1 ? HttpResponse.json({ error: 'stale' }, { status: 401 }) : undefined);
    const asked: number[] = [];
    const strategy = probe('query', {
      async inspect(response) {
        asked.push(response.status);
        if (response.status === 401 && (await response.text()).includes('stale')) return RETRY;
        return undefined;
      },
    });
    const reply = await client.send(strategy, BASE, { method: 'GET', path: 'items?a=1' });
    expect(reply.status).toBe(200);
    expect(asked).toEqual([401, 200]);
    expect(seen.map((s) => [s.verified, s.nonce])).toEqual([
      [true, '1'],
      [true, '2'],
    ]);
  });

  it('resends at most once per call', async () => {
    script = () => HttpResponse.json({ error: 'stale' }, { status: 401 });
    const strategy = probe('query', { inspect: () => RETRY });
    const reply = await client
      .send(strategy, BASE, { method: 'GET', path: 'items', ...(client.retries ? { retries: 2 } : {}) })
      .catch((e) => e);
    expect(seen).toHaveLength(2);
    // axios, ky and got throw on the second 401; fetch resolves with it.
    if (client.retries) expect(reply).toBeInstanceOf(Error);
    else expect(reply).toMatchObject({ status: 401 });
  });

  it("rejects with the strategy's typed error when inspect throws", async () => {
    const strategy = probe('query', {
      inspect() {
        throw new AuthplugError('AUTHPLUG_TEST_PROVIDER', 'probe: provider said no');
      },
    });
    const error = await client.send(strategy, BASE, { method: 'GET', path: 'items' }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthplugError);
    expect(error).toMatchObject({ code: 'AUTHPLUG_TEST_PROVIDER' });
  });
});

// fetch has no retries of its own: the client-retry cases run for the clients that do.
describe.each(clients.filter((c) => c.retries))('$name adapter with its own retries', (client) => {
  it("re-signs every one of the client's own retries with a fresh nonce", async () => {
    script = (n) => (n === 1 ? HttpResponse.json({}, { status: 503 }) : undefined);
    const strategy = probe('query');
    const reply = await client.send(strategy, BASE, {
      method: 'GET',
      path: 'items?a=1',
      params: [['b', '2']],
      retries: 2,
    });
    expect(reply.status).toBe(200);
    expect(seen.map((s) => [s.verified, s.nonce])).toEqual([
      [true, '1'],
      [true, '2'],
    ]);
    expect(seen[1]!.params).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('re-signs a retried POST form without carrying the first signature', async () => {
    script = (n) => (n === 1 ? HttpResponse.json({}, { status: 503 }) : undefined);
    for (const placement of ['form', 'query'] as const) {
      seen.length = 0;
      const strategy = probe(placement);
      await client
        .send(strategy, BASE, {
          method: 'POST',
          path: 'items',
          form: { kind: 'params', fields: [['a', '1']] },
          retries: 2,
        })
        .catch(() => undefined);
      // POST is not retried by ky and got by default; where it is, the retry must be clean.
      for (const s of seen) {
        expect(s.verified).toBe(true);
        expect(s.params).toEqual([['a', '1']]);
      }
    }
  });
});

// ky has no plain-object form option (its `body` takes URLSearchParams); axios and got do, and
// the kit gives fetch one as `new URLSearchParams(object)`.
describe.each(clients.filter((c) => c.name !== 'ky'))('$name adapter with a plain-object form', (client) => {
  it('signs the form as the client serializes it', async () => {
    await send(client, {
      method: 'POST',
      path: 'items',
      form: { kind: 'object', fields: { a: 'x y', b: RESERVED } },
    });
    expect(seen[0]!.verified).toBe(true);
    expect(seen[0]!.params).toEqual([
      ['a', 'x y'],
      ['b', RESERVED],
    ]);
  });
});
