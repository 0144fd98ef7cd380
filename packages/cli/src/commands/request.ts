// `authplug request <provider> …`: one signed call, the body printed (pretty on a terminal,
// raw when piped); exit 0 only for a 2xx answer with no provider error in it.
import type { AuthRequest, AuthStrategy, Signature } from '@authplug/core';
import { credentialKey } from '@authplug/credentials';
import pc from 'picocolors';
import { apiRoot, type CommonOptions, maskSecrets, openContext } from '../context.ts';
import { NotLoggedInError, UsageError } from '../errors.ts';
import { CLIENTS, type ClientName } from '../flows/clients.ts';
import { pretty } from '../pretty.ts';
import { providerOf } from '../providers.ts';
import { parseRequest } from './args.ts';
import { signedCall } from './call.ts';

export interface RequestOptions extends CommonOptions {
  data?: string[];
  json?: string;
  baseUrl?: string;
  client?: string;
  include?: boolean;
  verbose?: boolean;
}

/** The strategy, reporting what it added to each request it signed. */
function recording(
  strategy: AuthStrategy,
  seen: (request: AuthRequest, added: Signature) => void,
): AuthStrategy {
  return {
    ...strategy,
    async sign(request, context) {
      const added = await strategy.sign(request, context);
      seen(request, added);
      return added;
    },
  };
}

export async function request(name: string, words: string[], options: RequestOptions): Promise<void> {
  const provider = providerOf(name);
  const client = (options.client ?? 'ky') as ClientName;
  if (!CLIENTS.includes(client)) throw new UsageError(`--client is one of ${CLIENTS.join(', ')}.`);
  const context = await openContext(options);
  try {
    const key = credentialKey(provider.name, context.profile);
    const entry = await context.store.get(key);
    if (!entry) throw new NotLoggedInError(provider.name, context.profile);
    const api = apiRoot(provider, context, entry, options.baseUrl);
    const parsed = parseRequest(words, options, api);
    const out = (text: string) => maskSecrets(text, entry);
    let strategy = await provider.strategy(context.store, context.profile, api ?? parsed.url);
    if (options.verbose) {
      strategy = recording(strategy, (req, added) => {
        const lines = [`> ${req.method} ${req.url}`];
        for (const [n, v] of added.query ?? []) lines.push(`> + query ${n}=${v}`);
        for (const [n, v] of added.form ?? []) lines.push(`> + form  ${n}=${v}`);
        for (const [n, v] of Object.entries(added.headers ?? {})) lines.push(`> + header ${n}: ${v}`);
        if (req.body.kind === 'form') for (const [n, v] of req.body.fields) lines.push(`> form ${n}=${v}`);
        process.stderr.write(`${pc.dim(out(lines.join('\n')))}\n`);
      });
    }
    const tty = Boolean(process.stdout.isTTY);
    const answer = await signedCall(provider.name, client, strategy, parsed, (a) => {
      if (options.include) {
        const head = [`HTTP ${a.status}`, ...a.headers.map(([k, v]) => `${k}: ${v}`)].join('\n');
        process.stdout.write(`${out(head)}\n\n`);
      }
    }).catch((error: unknown) => {
      const status = (error as { status?: number }).status;
      if (status !== undefined && options.include) process.stdout.write('\n');
      throw error;
    });
    const body = tty ? pretty(answer.text) : answer.text;
    process.stdout.write(out(body.endsWith('\n') ? body : `${body}\n`));
  } finally {
    await context.close();
  }
}
