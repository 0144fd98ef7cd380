import type { ClientName, DemoCall } from '@authplug/cli/flows';
import pc from 'picocolors';
import type { ProviderDemo } from './providers/index.ts';
import type { Outcome } from './run.ts';

const callLabel = (call: DemoCall): string => {
  const component = call.params['component'];
  return `${call.method.padEnd(4)} ${component ? `component=${component}` : call.path}`;
};

/**
 * The provider × client table, then what each provider's server verified and every failure in
 * full. Columns are padded before colouring, so the table lines up with and without colours.
 */
export function renderReport(
  providers: readonly ProviderDemo[],
  clients: readonly ClientName[],
  outcomes: readonly Outcome[],
  real: boolean,
): string {
  const lines: string[] = [];
  const ran = providers.filter((p) => outcomes.some((o) => o.provider === p.name));
  const callWidth = Math.max(4, ...ran.map((p) => callLabel(real ? p.realCall : p.call).length));
  const cellWidth = 10;
  lines.push(
    pc.bold(
      `${'provider'.padEnd(13)} ${'signed call'.padEnd(callWidth)}  ${clients.map((c) => c.padEnd(cellWidth)).join(' ')}`,
    ),
  );
  for (const provider of ran) {
    const cells = clients.map((client) => {
      const o = outcomes.find((x) => x.provider === provider.name && x.client === client);
      if (!o) return ''.padEnd(cellWidth);
      const text = `${o.ok ? '✔' : '✘'} ${o.ms ? `${Math.max(1, Math.round(o.ms))} ms` : 'failed'}`;
      return (o.ok ? pc.green(text) : pc.red(text)) + ' '.repeat(Math.max(0, cellWidth - text.length));
    });
    lines.push(
      `${provider.name.padEnd(13)} ${callLabel(real ? provider.realCall : provider.call).padEnd(callWidth)}  ${cells.join(' ')}`,
    );
  }
  lines.push('');
  for (const provider of ran) {
    const mine = outcomes.filter((o) => o.provider === provider.name);
    const good = mine.find((o) => o.ok);
    if (good) lines.push(`${pc.green('✔')} ${provider.name.padEnd(12)} ${good.detail}`);
    for (const o of mine.filter((x) => !x.ok)) {
      lines.push(`${pc.red('✘')} ${`${o.provider} × ${o.client}`.padEnd(12)} ${pc.red(o.detail)}`);
    }
  }
  const failed = outcomes.filter((o) => !o.ok).length;
  lines.push('');
  lines.push(
    failed
      ? pc.red(pc.bold(`${failed} of ${outcomes.length} failed`))
      : pc.green(pc.bold(`all ${outcomes.length} verified`)),
  );
  return lines.map((line) => line.trimEnd()).join('\n');
}
