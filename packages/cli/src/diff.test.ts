import { describe, expect, it } from 'vitest';
import { compareSigned } from './diff.ts';

// Hand-written strings in the three shapes the strategies sign: `a=1&b=2` (Historypin, Safe
// Creative), OAuth's `METHOD&url&encoded-params`, and ipernity's concatenated name+value.
describe('compareSigned', () => {
  it('points at the parameter whose value differs, with both values', () => {
    const d = compareSigned('a=1&b=3&c=4', 'a=1&b=2&c=4', [
      ['a', '1'],
      ['b', '2'],
      ['c', '4'],
    ]);
    expect(d).toMatchObject({ same: false, param: 'b', expectedValue: '3', actualValue: '2', index: 6 });
  });

  it('finds parameters inside an OAuth base string and passes over timestamp and nonce', () => {
    const base = (ts: string, nonce: string, x: string) =>
      `GET&http%3A%2F%2Fh%2Fp&oauth_nonce%3D${nonce}%26oauth_timestamp%3D${ts}%26x%3D${x}`;
    const params: [string, string][] = [
      ['oauth_nonce', 'n1'],
      ['oauth_timestamp', '100'],
      ['x', '1'],
    ];
    expect(compareSigned(base('200', 'n2', '1'), base('100', 'n1', '1'), params)).toMatchObject({
      same: true,
      skipped: ['oauth_nonce', 'oauth_timestamp'],
    });
    expect(compareSigned(base('200', 'n2', '2'), base('100', 'n1', '1'), params)).toMatchObject({
      same: false,
      param: 'x',
      expectedValue: '2',
      actualValue: '1',
    });
  });

  it('reads ipernity-style strings (name and value run together)', () => {
    const d = compareSigned('api_keyKdoc_id9method‹secret›', 'api_keyKdoc_id1method‹secret›', [
      ['api_key', 'K'],
      ['doc_id', '1'],
    ]);
    expect(d.param).toBe('doc_id');
  });

  it('reports a difference before the parameters (method or URL)', () => {
    const d = compareSigned('POST&u&a%3D1', 'GET&u&a%3D1', [['a', '1']]);
    expect(d).toMatchObject({ same: false, index: 0 });
    expect(d.param).toBeUndefined();
    expect(d.summary).toContain('before the parameters');
  });

  it('reports a parameter missing from the expected string', () => {
    const d = compareSigned('a=1', 'a=1&b=2', [
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(d).toMatchObject({ same: false, param: 'b', expectedValue: undefined });
    expect(d.summary).toContain('missing from the expected string');
  });
});
