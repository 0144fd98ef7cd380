import { createHash } from 'node:crypto';
import type { AuthStrategy } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { clients, sendThroughClients } from '../testing.ts';

// A strategy whose signature the server recomputes with node:crypto from the raw request: the
// method, the path and query as received, and the body.
const digest = (method: string, pathAndQuery: string, body: string) =>
  createHash('sha256').update(`${method}\n${pathAndQuery}\n${body}`).digest('hex');

const headerSigner: AuthStrategy = {
  name: 'header-digest',
  async sign(request) {
    const url = new URL(request.url);
    const body = request.body.kind === 'bytes' ? String(request.body.data) : '';
    const form =
      request.body.kind === 'form' ? new URLSearchParams(request.body.fields as [string, string][]) : '';
    return { headers: { 'X-Sig': digest(request.method, url.pathname + url.search, body || String(form)) } };
  },
};

const verifying = {
  async fetch(request: Request) {
    const url = new URL(request.url);
    const body = await request.text();
    const ok = request.headers.get('x-sig') === digest(request.method, url.pathname + url.search, body);
    return Response.json({ ok }, { status: ok ? 200 : 401 });
  },
};

describe('sendThroughClients', () => {
  it('sends one call through axios, ky, got and fetch and hands back what the server received', async () => {
    const results = await sendThroughClients(
      headerSigner,
      { method: 'POST', path: 'items?a=1', params: [['b', 'x y']], json: { title: 'Été' } },
      { emulator: verifying, basePath: '/api/' },
    );
    expect(Object.keys(results)).toEqual(['axios', 'ky', 'got', 'fetch']);
    for (const [client, result] of Object.entries(results)) {
      expect(result.error, client).toBeUndefined();
      expect(result.reply, client).toEqual({ status: 200, data: { ok: true } });
      expect(result.requests, client).toHaveLength(1);
      const [received] = result.requests;
      const url = new URL(received!.url);
      expect(url.hostname, client).toBe('127.0.0.1');
      expect(url.pathname, client).toBe('/api/items');
      expect([...url.searchParams], client).toEqual([
        ['a', '1'],
        ['b', 'x y'],
      ]);
      expect(JSON.parse(received!.body), client).toEqual({ title: 'Été' });
      expect(received!.headers['content-type'], client).toMatch(/^application\/json/);
    }
  });

  it('records the error a client rejects with, and runs only the clients asked for', async () => {
    const wrong: AuthStrategy = { name: 'wrong', sign: async () => ({ headers: { 'X-Sig': 'nope' } }) };
    const results = await sendThroughClients(
      () => wrong,
      { method: 'POST', path: 'items', form: { kind: 'params', fields: [['a', '1']] } },
      { emulator: verifying, clients: ['ky', 'fetch'] },
    );
    expect(Object.keys(results)).toEqual(['ky', 'fetch']);
    expect(results.ky!.error).toBeInstanceOf(Error);
    expect(results.ky!.requests.map((r) => r.body)).toEqual(['a=1']);
    // fetch resolves on an HTTP error status, as fetch does.
    expect(results.fetch!.reply).toEqual({ status: 401, data: { ok: false } });
  });

  it('lists the four clients, and says which retry on their own', () => {
    expect(clients.map((c) => [c.name, c.retries])).toEqual([
      ['axios', true],
      ['ky', true],
      ['got', true],
      ['fetch', false],
    ]);
  });
});
