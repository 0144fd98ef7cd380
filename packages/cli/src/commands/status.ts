// `authplug status`: every stored profile of every provider, secrets masked; `--check` proves
// each grant with a read-only signed call.
import { redact } from '@authplug/credentials';
import pc from 'picocolors';
import { apiRoot, type CommonOptions, maskSecrets, openContext } from '../context.ts';
import { PROVIDER_NAMES, PROVIDERS, type ProviderName } from '../providers.ts';
import { signedCall } from './call.ts';

export interface StatusOptions extends CommonOptions {
  check?: boolean;
  json?: boolean;
}

interface Row {
  provider: ProviderName;
  profile: string;
  fields: Record<string, unknown>;
  obtainedAt?: string;
  check?: { ok: boolean; detail: string };
}

export async function status(options: StatusOptions): Promise<number> {
  const context = await openContext(options);
  try {
    const rows: Row[] = [];
    for (const key of await context.store.list()) {
      const [name, profile] = key.split('/') as [string, string];
      if (!(PROVIDER_NAMES as readonly string[]).includes(name)) continue;
      if (options.profile && profile !== options.profile) continue;
      const provider = PROVIDERS[name as ProviderName];
      const entry = (await context.store.get(key)) ?? {};
      const { obtainedAt, ...rest } = redact({ ...entry }, { keepLast: 4 });
      const row: Row = {
        provider: provider.name,
        profile,
        fields: rest,
        ...(typeof obtainedAt === 'string' ? { obtainedAt } : {}),
      };
      const api = apiRoot(provider, context, entry);
      if (options.check) {
        if (!provider.verify || !api)
          row.check = { ok: true, detail: 'no read-only call known: not checked' };
        else {
          try {
            const strategy = await provider.strategy(context.store, profile, api);
            const answer = await signedCall(provider.name, 'ky', strategy, {
              method: provider.verify.method,
              url: new URL(provider.verify.path, api).toString(),
              query: Object.entries(provider.verify.params),
            });
            const who = provider.who(answer.json, entry);
            row.check = { ok: true, detail: `valid${who ? ` (${who})` : ''}` };
          } catch (error) {
            row.check = { ok: false, detail: maskSecrets((error as Error).message, entry) };
          }
        }
      }
      rows.push(row);
    }
    if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else if (rows.length === 0)
      process.stdout.write(
        `Nothing stored (${context.storeDescription}). Run \`authplug login <provider>\`.\n`,
      );
    else {
      process.stdout.write(`${pc.dim(context.storeDescription)}\n`);
      for (const row of rows) {
        const mark = row.check ? (row.check.ok ? pc.green('✔') : pc.red('✘')) : '•';
        process.stdout.write(
          `${mark} ${pc.bold(`${row.provider}/${row.profile}`)}${row.obtainedAt ? pc.dim(`  obtained ${row.obtainedAt}`) : ''}\n`,
        );
        for (const [field, value] of Object.entries(row.fields)) {
          process.stdout.write(
            `    ${field.padEnd(16)} ${typeof value === 'string' ? value : JSON.stringify(value)}\n`,
          );
        }
        if (row.check) process.stdout.write(`    ${'check'.padEnd(16)} ${row.check.detail}\n`);
      }
    }
    return rows.some((r) => r.check && !r.check.ok) ? 1 : 0;
  } finally {
    await context.close();
  }
}
