// The person approves in their browser: the link is printed (and opened unless --no-browser or
// there is no display); flows poll while a spinner runs; an `oob` verifier is typed in.

import { UsageError } from './errors.ts';
import type { Approver } from './flows/approve.ts';
import type { Progress } from './flows/progress.ts';
import { interactive } from './keys.ts';

const hasDisplay = (): boolean =>
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);

export function browserApprover(options: {
  progress: Progress;
  browser: boolean;
  pollMs?: number;
  timeoutMs?: number;
}): Approver {
  const { progress } = options;
  return {
    pollMs: options.pollMs ?? 1000,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    async approve(provider, url) {
      progress.print(`\n${provider}: approve access in your browser:\n\n  ${url}\n\n`);
      if (options.browser && hasDisplay()) {
        const open = (await import('open')).default;
        await open(url).catch(() => progress.print('(could not open a browser: open the link yourself)\n'));
      }
      return '';
    },
    async verifier(provider) {
      if (!interactive()) {
        throw new UsageError(
          `${provider} shows a verifier (oob) and there is no terminal to type it in. Drop --oob to use a loopback callback.`,
        );
      }
      const { input } = await import('@inquirer/prompts');
      progress.pause();
      try {
        return (
          await input({
            message: `${provider}: the verifier the page shows`,
            validate: (v) => Boolean(v.trim()),
          })
        ).trim();
      } finally {
        progress.resume();
      }
    },
  };
}
