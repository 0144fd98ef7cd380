import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiSigScheme } from './api-sig.ts';
import { webDigests } from './digest.ts';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

describe('apiSigScheme: the sorted-concatenation family', () => {
  it("reproduces Flickr's legacy authentication example (secret first)", async () => {
    // Flickr "Authentication API" (legacy) docs: api_sig for api_key + perms=write.
    const flickr = apiSigScheme({ secret: 'first' });
    const params = [
      ['perms', 'write'],
      ['api_key', '9a0554259914a86fb9e7eb014e4e5d52'],
    ] as const;
    expect(flickr.base(params, '000005fab4534d05')).toBe(
      '000005fab4534d05api_key9a0554259914a86fb9e7eb014e4e5d52permswrite',
    );
    expect(await flickr.sign(params, '000005fab4534d05')).toBe('a02506b31c1cd46c2e0b6380fb94eb3d');
  });

  it("reproduces ipernity's documented doc.tags.add example (method appended, secret last)", async () => {
    const ipernity = apiSigScheme({ secret: 'last' });
    const params = [
      ['api_key', '6fa87ba500002712bd4eed6020f3bd72'],
      ['doc_id', '1234'],
      ['keywords', 'easy'],
    ] as const;
    const options = { appended: 'doc.tags.add' };
    expect(await ipernity.sign(params, 'e9a599f0cf6ce193', options)).toBe('a269b218feb341ef03bc093a0f2c8078');
    expect(await ipernity.sign(params, 'e9a599f0cf6ce193', { ...options, digests: webDigests })).toBe(
      'a269b218feb341ef03bc093a0f2c8078',
    );
  });

  it('leaves out the signature parameter and the skipped names, sorts by code point then value', async () => {
    const lastfm = apiSigScheme({ skip: ['format', 'callback'], secret: 'last' });
    const params = [
      ['method', 'track.love'],
      ['format', 'json'],
      ['callback', 'cb'],
      ['tag', 'b'],
      ['tag', 'a'],
      ['artist', 'Björk'],
      ['api_sig', 'stale'],
    ] as const;
    const expected = 'artistBjörkmethodtrack.lovetagatagbs3cr3t';
    expect(lastfm.base(params, 's3cr3t')).toBe(expected);
    expect(lastfm.signed(params).map(([name]) => name)).toEqual(['artist', 'method', 'tag', 'tag']);
    expect(await lastfm.sign(params, 's3cr3t')).toBe(md5(expected));
    expect(lastfm.param).toBe('api_sig');
    expect(lastfm.algorithm).toBe('MD5');
  });

  it('takes another parameter name and digest', async () => {
    const scheme = apiSigScheme({ param: 'sig', secret: 'last', algorithm: 'sha1' });
    const base = scheme.base(
      [
        ['sig', 'x'],
        ['a', '1'],
      ],
      'k',
    );
    expect(base).toBe('a1k');
    expect(await scheme.sign([['a', '1']], 'k')).toBe(createHash('sha1').update('a1k').digest('hex'));
    expect(scheme.algorithm).toBe('SHA-1');
  });
});
