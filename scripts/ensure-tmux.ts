// Makes sure Debian's tmux is installed for the CLI's interactive test (packages/cli/test), and
// prints its path. Installs with apt-get (update first; sudo when not root) only when missing.
//
//   node scripts/ensure-tmux.ts            # installs when needed, prints the path
import { spawnSync } from 'node:child_process';
import { aptInstall, runAsScript } from './apt-install.ts';

const found = (): string | undefined => {
  const which = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
};

/**
 * Returns tmux's path, installing Debian's `tmux` package first (apt-get update + install) when
 * it is missing. Throws a message saying what to do without apt-get or without root.
 */
export function ensureTmux(log: (line: string) => void = console.log): string {
  const existing = found();
  if (existing) return existing;
  aptInstall(
    { tool: 'ensure-tmux', pkg: 'tmux', took: 'a few seconds', alternative: 'Or install tmux another way.' },
    log,
  );
  const path = found();
  if (!path) throw new Error('ensure-tmux: apt-get installed tmux but it is still not on PATH.');
  log(`ensure-tmux: installed ${path}`);
  return path;
}

runAsScript(import.meta.url, () => ensureTmux());
