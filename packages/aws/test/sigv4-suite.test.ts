import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type AuthRequest, type HeaderReader, parseParams } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { awsSigV4 } from '../src/index.ts';

// Every group of AWS's own SigV4 test suite, through the public strategy API.
const SUITE = join(import.meta.dirname, 'aws-sig-v4-test-suite');
const NOW = Date.UTC(2015, 7, 30, 12, 36, 0);
const TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

function groups(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (readdirSync(path).some((f) => f.endsWith('.req'))) found.push(path);
    else found.push(...groups(path));
  }
  return found.sort();
}

interface Parsed {
  request: AuthRequest;
  names: string[];
}

// A raw HTTP/1.1 request as the suite writes it. Clients cannot send repeated or continued
// (obs-fold) header lines as such; the suite's expected canonical requests treat both as a list,
// joined by `,` (get-header-key-duplicate, get-header-value-multiline), and so does this reader.
function parse(raw: string): Parsed {
  const [head, ...rest] = raw.split('\n\n');
  const lines = head!.split('\n');
  const [method, ...target] = lines[0]!.split(' ');
  target.pop(); // HTTP/1.1
  const path = target.join(' ');
  const values = new Map<string, string>();
  const names: string[] = [];
  let last = '';
  for (const line of lines.slice(1)) {
    if (/^\s/.test(line)) {
      values.set(last, `${values.get(last)},${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    last = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    if (values.has(last)) values.set(last, `${values.get(last)},${value}`);
    else {
      values.set(last, value);
      names.push(last);
    }
  }
  const headers: HeaderReader = { get: (name) => values.get(name.toLowerCase()) };
  const body = rest.join('\n\n');
  const contentType = values.get('content-type');
  return {
    names,
    request: {
      method: method!,
      url: `https://${values.get('host')}${path}`,
      headers,
      body:
        body === ''
          ? { kind: 'none' }
          : contentType?.startsWith('application/x-www-form-urlencoded')
            ? { kind: 'form', fields: parseParams(body) }
            : { kind: 'bytes', contentType, data: body },
    },
  };
}

describe('the AWS SigV4 test suite', () => {
  for (const dir of groups(SUITE)) {
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    const file = (ext: string) => readFileSync(join(dir, `${name}.${ext}`), 'utf8');

    it(name, async () => {
      const { request, names } = parse(file('req'));
      const after = name === 'post-sts-header-after';
      const strategy = awsSigV4({
        region: 'us-east-1',
        service: 'service',
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        sessionToken: after ? TOKEN : (request.headers.get('x-amz-security-token') ?? undefined),
        signSessionToken: !after,
        signedHeaders: names,
        clock: () => NOW,
      });
      const signature = await strategy.sign(request, { attempt: 0 });
      expect(signature.headers?.authorization).toBe(file('authz'));
      expect(signature.headers?.['x-amz-date']).toBe('20150830T123600Z');

      const explained = await strategy.explain(request, { attempt: 0 });
      const masked = (text: string) => text.split(TOKEN).join('‹sessionToken›');
      expect(explained.base).toBe(masked(`${file('creq')}\n\n${file('sts')}`));

      // The signed request: every header of .sreq is one the request had or the strategy added.
      const sreq = file('sreq');
      expect(sreq).toContain(`Authorization: ${file('authz')}`);
      if (after) expect(signature.headers?.['x-amz-security-token']).toBe(TOKEN);
    });
  }
});
