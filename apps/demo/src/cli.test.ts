import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the demo exactly as `pnpm demo` does: a separate Node process, real emulators on
// loopback, real clients.
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=@authplug/source', cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });

describe('pnpm demo', () => {
  it('verifies Historypin through axios, ky and got, and exits 0', () => {
    const result = run('--provider', 'historypin');
    expect(result.stderr).toBe('');
    for (const client of ['axios', 'ky', 'got']) {
      expect(result.stdout).toMatch(new RegExp(`✔ historypin +${client} +verified api_token`));
    }
    expect(result.status).toBe(0);
  });

  it('runs only the clients asked for', () => {
    const result = run('--provider', 'historypin', '--client', 'got');
    expect(result.stdout).toContain('all 1 verified');
    expect(result.status).toBe(0);
  });

  it('refuses an unknown provider with a usage error', () => {
    const result = run('--provider', 'nope');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/nope/);
  });
});
