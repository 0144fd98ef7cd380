// `authplug explain <provider> …`: what the strategy signs for this request, through the same
// code that signs it (the strategy's `explain`), with secrets masked; `--expected` shows where
// the provider's string first differs.
import type { AuthRequest, Explanation } from '@authplug/core';
import { credentialKey } from '@authplug/credentials';
import pc from 'picocolors';
import { apiRoot, type CommonOptions, maskSecrets, openContext } from '../context.ts';
import { compareSigned, type Difference } from '../diff.ts';
import { NotLoggedInError, UsageError } from '../errors.ts';
import { providerOf } from '../providers.ts';
import { parseRequest } from './args.ts';

export interface ExplainOptions extends CommonOptions {
  data?: string[];
  json?: string;
  baseUrl?: string;
  expected?: string;
  /** Print the explanation as JSON. */
  asJson?: boolean;
}

const NO_HEADERS = { get: () => undefined };

export async function explain(name: string, words: string[], options: ExplainOptions): Promise<number> {
  const provider = providerOf(name);
  const context = await openContext(options);
  try {
    const entry = await context.store.get(credentialKey(provider.name, context.profile));
    if (!entry) throw new NotLoggedInError(provider.name, context.profile);
    const api = apiRoot(provider, context, entry, options.baseUrl);
    const parsed = parseRequest(words, options, api);
    const url = new URL(parsed.url);
    for (const [n, v] of parsed.query) url.searchParams.append(n, v);
    const request: AuthRequest = {
      method: parsed.method,
      url: url.toString(),
      headers:
        parsed.json !== undefined
          ? { get: (h: string) => (h.toLowerCase() === 'content-type' ? 'application/json' : undefined) }
          : NO_HEADERS,
      body: parsed.form
        ? { kind: 'form', fields: parsed.form }
        : parsed.json !== undefined
          ? { kind: 'bytes', contentType: 'application/json', data: parsed.json }
          : { kind: 'none' },
    };
    const strategy = await provider.strategy(context.store, context.profile, api ?? parsed.url);
    if (!strategy.explain)
      throw new UsageError(`the ${provider.name} strategy cannot explain its signatures.`);
    const out = (text: string) => maskSecrets(text, entry);
    // Tokens the scheme sends in clear (oauth_token, auth_token) are still masked on screen; the
    // comparison below runs on the masked strings, as the person sees them.
    const raw = await strategy.explain(request, { attempt: 0 });
    const e: Explanation = {
      ...raw,
      base: out(raw.base),
      signature: out(raw.signature),
      params: raw.params.map(([n, v]) => [n, out(v)] as const),
    };
    // What the provider printed holds the real secret where authplug shows ‹name›: mask it the same way.
    const expected = options.expected === undefined ? undefined : out(options.expected);
    if (options.asJson) {
      const diff = expected === undefined ? undefined : compareWith(expected, e);
      process.stdout.write(
        `${out(JSON.stringify({ ...e, ...(diff ? { expected: diff } : {}) }, null, 2))}\n`,
      );
      return diff && !diff.same ? 1 : 0;
    }
    process.stdout.write(out(render(e, parsed.method, request.url)));
    if (expected === undefined) return 0;
    const diff = compareWith(expected, e);
    if (diff.same) {
      process.stdout.write(`\n${pc.green('✔')} --expected: ${diff.summary}\n`);
      return 0;
    }
    const against = looksLikeSignature(expected, e.signature) ? e.signature : e.base;
    const lines = [`\n${pc.red('✘')} --expected: ${diff.summary}`];
    if (diff.index !== undefined) {
      const from = Math.max(0, diff.index - 30);
      const pad = ' '.repeat(diff.index - from + (from > 0 ? 1 : 0));
      const cut = (s: string) => (from > 0 ? '…' : '') + s.slice(from, diff.index! + 40);
      lines.push(
        `  expected: ${cut(expected)}`,
        `  authplug: ${cut(against)}`,
        `            ${pad}${pc.red('^')}`,
      );
    }
    process.stdout.write(`${out(lines.join('\n'))}\n`);
    return 1;
  } finally {
    await context.close();
  }
}

/**
 * A signature is one token (hex, base64, base64url, maybe percent-encoded) about as long as the
 * one authplug computed; anything else is taken for a string-to-sign (ipernity's has no
 * separators, so the length tells them apart).
 */
const looksLikeSignature = (text: string, signature: string): boolean =>
  /^[A-Za-z0-9+/_%-]+=*$/.test(text) && Math.abs(text.length - signature.length) <= 8;

function compareWith(expected: string, e: Explanation): Difference {
  if (!looksLikeSignature(expected, e.signature)) return compareSigned(expected, e.base, e.params);
  // Providers print signatures raw or percent-encoded (OAuth's base64 in a header or a query).
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (decode(expected) === decode(e.signature))
    return { same: true, skipped: [], summary: 'the signature is identical.' };
  return {
    ...compareSigned(expected, e.signature, []),
    summary:
      'the signatures differ. A different signature means a different string-to-sign or key: pass the base string the provider printed to --expected to see which parameter differs.',
  };
}

function render(e: Explanation, method: string, url: string): string {
  const width = Math.max(4, ...e.params.map(([n]) => n.length));
  const lines = [
    `${pc.bold(e.strategy)}  ${method} ${url}`,
    '',
    pc.bold('Parameters in signing order'),
    ...(e.params.length
      ? e.params.map(([n, v]) => `  ${n.padEnd(width)}  ${v}`)
      : ['  (none: this scheme signs no parameters)']),
    '',
    pc.bold('String to sign'),
    `  ${e.base}`,
    '',
    `${pc.bold('Algorithm')}  ${e.algorithm}`,
    `${pc.bold('Key')}        ${e.key}`,
    `${pc.bold('Signature')}  ${e.signature}`,
    `${pc.bold('Goes in')}    ${e.placement}`,
  ];
  return `${lines.join('\n')}\n`;
}
