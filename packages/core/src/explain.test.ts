import { describe, expect, it } from 'vitest';
import { explainable, mask, type TracedSign } from './explain.ts';
import type { AuthRequest } from './request.ts';

const request: AuthRequest = {
  method: 'GET',
  url: 'https://x.test/a?b=1',
  headers: new Headers(),
  body: { kind: 'none' },
};

describe('explainable', () => {
  const run: TracedSign = async (req, _context, trace) => {
    const base = `${req.method}&${req.url}&s3cr3t`;
    trace?.({
      algorithm: 'TEST',
      params: [['b', '1']],
      base: mask(base, 's3cr3t', 'secret'),
      key: 'secret',
      signature: 'sig',
      placement: 'query sig',
    });
    return { query: [['sig', base.length.toString()]] };
  };

  it('sign returns what the traced function returns, explain the same plus its step', async () => {
    const strategy = explainable('test', run);
    const signed = await strategy.sign(request, { attempt: 0 });
    const explained = await strategy.explain(request, { attempt: 0 });
    expect(explained.added).toEqual(signed);
    expect(explained).toMatchObject({
      strategy: 'test',
      algorithm: 'TEST',
      key: 'secret',
      placement: 'query sig',
    });
    expect(explained.base).toBe('GET&https://x.test/a?b=1&‹secret›');
  });

  it('refuses to explain a signing function that reports nothing', async () => {
    const silent = explainable('silent', async () => ({}));
    await expect(silent.explain(request, { attempt: 0 })).rejects.toThrow(/reported no step/);
  });
});

describe('mask', () => {
  it('replaces every occurrence and leaves an empty secret alone', () => {
    expect(mask('k=abc&x=abc', 'abc', 'secret')).toBe('k=‹secret›&x=‹secret›');
    expect(mask('k=abc', '', 'secret')).toBe('k=abc');
    expect(mask('k=abc', undefined, 'secret')).toBe('k=abc');
  });
});
