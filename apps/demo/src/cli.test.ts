import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clickButton } from '@authplug/emulators';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the demo exactly as `pnpm demo` does: a separate Node process, real emulators on
// loopback, real clients. Output is not a TTY here, so it must hold no spinner frames.
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'authplug-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment without the user's AUTHPLUG_* variables, colours off. */
const cleanEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const name of Object.keys(env)) if (name.startsWith('AUTHPLUG_')) delete env[name];
  return { ...env, ...extra };
};
// Reports any socket the demo opens, to prove --real without keys never touches the network.
const watchSockets =
  "--import=data:text/javascript,import net from 'node:net';const c=net.Socket.prototype.connect;" +
  "net.Socket.prototype.connect=function(...a){process.stderr.write('SOCKET OPENED\\n');return c.apply(this,a)}";

const run = (args: string[], options: { env?: Record<string, string>; node?: string[] } = {}) =>
  spawnSync(process.execPath, [...(options.node ?? []), '--conditions=@authplug/source', cli, ...args], {
    encoding: 'utf8',
    env: cleanEnv(options.env),
    timeout: 60_000,
  });

const PROVIDERS = ['ipernity', 'proofile', 'historypin', 'safecreative'];
const row = (stdout: string, provider: string) =>
  stdout.split('\n').find((l) => l.startsWith(`${provider} `)) ?? '';

describe('pnpm demo', () => {
  it('runs all four flows and verifies all 12 provider x client combinations (exit 0)', () => {
    const result = run(['--credentials', join(dir, 'all.json')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✔ ipernity +desktop flow approved, token for james007 \(doc: write\)/);
    expect(result.stdout).toMatch(/✔ proofile +three-legged OAuth approved/);
    expect(result.stdout).toMatch(/✔ safecreative +authkey flow approved, level ADD/);
    expect(result.stdout).toMatch(/provider +signed call +axios +ky +got/);
    for (const provider of ['ipernity', 'proofile', 'historypin', 'safecreative']) {
      expect(row(result.stdout, provider).match(/✔ \d+ ms/g)).toHaveLength(3);
    }
    expect(result.stdout).toContain('signature and one-time nonce verified; work 2611');
    expect(result.stdout).toContain('all 12 verified');
    // No spinner frames or cursor codes when the output is not a terminal.
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  });

  it('runs only the providers and clients asked for', () => {
    const result = run(['--store', 'memory', '--provider', 'proofile', 'safecreative', '--client', 'got']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/provider +signed call +got\n/);
    expect(row(result.stdout, 'proofile')).toMatch(/✔ \d+ ms$/);
    expect(row(result.stdout, 'safecreative')).toMatch(/✔ \d+ ms$/);
    expect(row(result.stdout, 'ipernity')).toBe('');
    expect(row(result.stdout, 'historypin')).toBe('');
    expect(result.stdout).toContain('all 2 verified');
  });

  it('--store file leaves a 0600 credentials file whose secrets it never prints', () => {
    const file = join(dir, 'nested', 'credentials.json');
    const result = run(['--store', 'file', '--credentials', file]);
    expect(result.status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(saved).sort()).toEqual([
      'historypin/default',
      'ipernity/default',
      'proofile/default',
      'safecreative/default',
    ]);
    const secrets = [
      saved['ipernity/default']!['secret'],
      saved['ipernity/default']!['authToken'],
      saved['proofile/default']!['consumerSecret'],
      saved['proofile/default']!['token'],
      saved['proofile/default']!['tokenSecret'],
      saved['historypin/default']!['apiSecret'],
      saved['safecreative/default']!['privateKey'],
      saved['safecreative/default']!['authPrivateKey'],
    ];
    for (const secret of secrets) {
      expect(secret).toMatch(/.{8}/);
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  });

  it('--real without keys lists what is missing and opens no socket (exit 1)', () => {
    const result = run(['--real', '--store', 'env'], { node: [watchSockets] });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing was sent');
    for (const name of [
      'AUTHPLUG_IPERNITY_API_KEY',
      'AUTHPLUG_IPERNITY_SECRET',
      'AUTHPLUG_PROOFILE_CONSUMER_KEY',
      'AUTHPLUG_PROOFILE_CONSUMER_SECRET',
      'AUTHPLUG_HISTORYPIN_API_KEY',
      'AUTHPLUG_HISTORYPIN_API_SECRET',
      'AUTHPLUG_SAFECREATIVE_SHARED_KEY',
      'AUTHPLUG_SAFECREATIVE_PRIVATE_KEY',
    ]) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stderr).not.toContain('SOCKET OPENED');
  });

  it('--real with keys but no grant asks for --interactive instead of calling', () => {
    const result = run(['--real', '--store', 'env', '--provider', 'ipernity', 'historypin'], {
      node: [watchSockets],
      env: {
        AUTHPLUG_IPERNITY_API_KEY: 'k',
        AUTHPLUG_IPERNITY_SECRET: 's',
        AUTHPLUG_HISTORYPIN_API_KEY: 'k',
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ipernity .*no authToken yet: add --interactive/);
    expect(result.stderr).toMatch(/historypin .*apiSecret \(AUTHPLUG_HISTORYPIN_API_SECRET\)/);
    expect(result.stderr).not.toContain('SOCKET OPENED');
  });

  it('exits 1 when a combination fails (--wrong-secret), and says why', () => {
    const result = run([
      '--store',
      'memory',
      '--provider',
      'ipernity',
      'historypin',
      '--wrong-secret',
      'historypin',
    ]);
    expect(result.status).toBe(1);
    expect(row(result.stdout, 'ipernity').match(/✔/g)).toHaveLength(3);
    expect(row(result.stdout, 'historypin').match(/✘/g)).toHaveLength(3);
    expect(result.stdout).toMatch(/✘ historypin × ky .*401.*invalid_api_token/);
    expect(result.stdout).toContain('3 of 6 failed');
  });

  it("a run after --wrong-secret in the file store starts from the emulators' keys again", () => {
    const file = join(dir, 'recover.json');
    expect(run(['--credentials', file, '--client', 'got', '--wrong-secret', ...PROVIDERS]).status).toBe(1);
    const again = run(['--credentials', file, '--client', 'got']);
    expect(again.stdout).toContain('all 4 verified');
    expect(again.status).toBe(0);
  });

  it('--interactive prints each link and waits for a person to approve it in a browser', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@authplug/source',
        cli,
        '--store',
        'memory',
        '--interactive',
        '--provider',
        'ipernity',
        'proofile',
        '--client',
        'ky',
      ],
      { env: cleanEnv() },
    );
    let stdout = '';
    const approved = new Set<string>();
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', async (chunk: string) => {
      stdout += chunk;
      for (const [, provider = '', url = ''] of stdout.matchAll(
        /(\w+): open this link[^\n]*\n\n {2}(\S+)/g,
      )) {
        if (approved.has(provider)) continue;
        approved.add(provider);
        // The person: opens the page, clicks Approve (the form's relative action), reads the page.
        const answer = await clickButton(url, 'Approve');
        const verifier = /id="oauth_verifier">([^<]+)</.exec(await answer.text())?.[1];
        if (verifier) child.stdin.write(`${verifier}\n`);
      }
    });
    expect(await done).toBe(0);
    expect([...approved].sort()).toEqual(['ipernity', 'proofile']);
    expect(stdout).toContain('paste the verifier');
    expect(stdout).toContain('all 2 verified');
  }, 60_000);

  it('--help lists every flag with what it does', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const flag of [
      '--provider',
      '--client',
      '--store',
      '--credentials',
      '--interactive',
      '--real',
      '--wrong-secret',
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('Exit status');
  });

  it('refuses an unknown provider with a usage error', () => {
    const result = run(['--provider', 'nope']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/nope/);
  });
});
