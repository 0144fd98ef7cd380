// `pnpm demo --web` as a person runs it: prints the page's URL, serves it, stops on Ctrl+C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

describe('pnpm demo --web', () => {
  it('prints the URL, serves the page and the emulators, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--conditions=@authplug/source', cli, '--web'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          const match = /authplug web demo\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      for (const provider of ['ipernity', 'proofile', 'historypin', 'safecreative'])
        expect(html).toContain(`data-provider="${provider}"`);
      const emulators = /emulators\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect((await fetch(`${emulators}/`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('web demo stopped');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a port that is not a number', async () => {
    const child = spawn(process.execPath, ['--conditions=@authplug/source', cli, '--web', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).not.toBe(0);
    expect(err).toMatch(/--web.*port number/s);
  });
});
