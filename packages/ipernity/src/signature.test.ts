import { createHash } from 'node:crypto';
import { webDigests } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { addedParams, apiSig, signingString } from './signature.ts';

// Reference values from ../shared/PROVIDERS.md section 1 (the provider's own examples).
const KEY = '6fa87ba500002712bd4eed6020f3bd72';
const SECRET = 'e9a599f0cf6ce193';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

describe('api_sig reference vectors', () => {
  it('doc.tags.add → a269b218…', async () => {
    const params = [
      ['doc_id', '1234'],
      ['keywords', 'easy'],
      ['api_key', KEY],
    ] as const;
    expect(signingString(params, 'doc.tags.add', SECRET)).toBe(
      'api_key6fa87ba500002712bd4eed6020f3bd72doc_id1234keywordseasydoc.tags.adde9a599f0cf6ce193',
    );
    expect(await apiSig(params, 'doc.tags.add', SECRET)).toBe('a269b218feb341ef03bc093a0f2c8078');
    expect(await apiSig(params, 'doc.tags.add', SECRET, webDigests)).toBe('a269b218feb341ef03bc093a0f2c8078');
  });

  it('authorization link (no method) → da183021…', async () => {
    const params = [
      ['perm_network', 'read'],
      ['api_key', KEY],
    ] as const;
    expect(signingString(params, undefined, SECRET)).toBe(
      'api_key6fa87ba500002712bd4eed6020f3bd72perm_networkreade9a599f0cf6ce193',
    );
    expect(await apiSig(params, undefined, SECRET)).toBe('da183021cd39461108770b822fcd9398');
  });
});

describe('signing details', () => {
  it('signs raw UTF-8 values, sorted by code point, repeated keys by value; api_sig excluded', async () => {
    const params = [
      ['tag', 'zèbre & co'],
      ['tag', 'ämne=1+2'],
      ['Z', '🙂'],
      ['api_sig', 'old'],
      ['a', ''],
    ] as const;
    // Independent expectation: code-point order puts 'Z' < 'a' < 'tag'; 'z' (0x7a) < 'ä' (0xe4).
    expect(signingString(params, 'm.x', 's')).toBe('Z🙂atagzèbre & cotagämne=1+2m.xs');
    expect(await apiSig(params, 'm.x', 's')).toBe(md5('Z🙂atagzèbre & cotagämne=1+2m.xs'));
  });

  it('addedParams adds api_key, auth_token and api_sig once', async () => {
    const added = await addedParams(
      [['doc_id', '1']],
      'doc.get',
      { apiKey: 'k', secret: 's', authToken: 't' },
      true,
    );
    expect(added).toEqual([
      ['api_key', 'k'],
      ['auth_token', 't'],
      ['api_sig', md5('api_keykauth_tokentdoc_id1doc.gets')],
    ]);
    const unsigned = await addedParams([['api_key', 'k']], 'doc.get', { apiKey: 'k', secret: 's' }, false);
    expect(unsigned).toEqual([]);
  });
});
