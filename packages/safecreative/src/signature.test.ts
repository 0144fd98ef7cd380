import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { safecreativeSignature, signatureBase } from './signature.ts';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

describe('signatureBase', () => {
  it("matches the provider reference's shape: private key, then sorted raw pairs", () => {
    // PROVIDERS.md section 4 (the private key itself is not published).
    expect(
      signatureBase('{private_key}', [
        ['ztime', '20081106141840'],
        ['sharedkey', 'fDsm8YO9SaupC5TChOsB6w'],
        ['component', 'authkey.create'],
      ]),
    ).toBe('{private_key}&component=authkey.create&sharedkey=fDsm8YO9SaupC5TChOsB6w&ztime=20081106141840');
  });

  it('keeps values raw (no URL-encoding), sorts repeats by value, leaves signature out', () => {
    expect(
      signatureBase('pk', [
        ['title', 'Été & co = 1+1'],
        ['tag', 'b'],
        ['signature', 'old'],
        ['tag', 'a'],
      ]),
    ).toBe('pk&tag=a&tag=b&title=Été & co = 1+1');
  });
});

describe('safecreativeSignature', () => {
  it('is the lower-case hex SHA-1 of the base string (UTF-8), computed independently', async () => {
    const params: [string, string][] = [
      ['component', 'work.register'],
      ['authkey', '23j22wtpoguzgzk0fag39sey6'],
      ['title', 'Café ☕ 𝄞'],
      ['ztime', '1271749822099'],
    ];
    const expected = sha1(
      '1f5lcps1hvpo7y1sw175y5qkp&authkey=23j22wtpoguzgzk0fag39sey6&component=work.register&title=Café ☕ 𝄞&ztime=1271749822099',
    );
    expect(await safecreativeSignature('1f5lcps1hvpo7y1sw175y5qkp', params)).toBe(expected);
  });
});
