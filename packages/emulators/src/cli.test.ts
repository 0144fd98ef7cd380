import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HISTORYPIN_TEST_ACCOUNT } from './historypin/accounts.ts';

// The `authplug-emulators` bin as a user runs it: prints the URL and the seeded keys, serves
// until Ctrl-C (SIGINT), then exits 0.
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('authplug-emulators', () => {
  it('serves all four, prints the endpoints and keys, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['--conditions=@authplug/source', cli, '--port', '0'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const listening = new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
        if (url && stdout.includes('never use them')) resolve(url);
      });
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await listening;
    expect(stdout).toContain(`${url}/ipernity/apps/authorize`);
    expect(stdout).toContain(`${url}/proofile/oauth/request_token`);
    expect(stdout).toContain(`${url}/safecreative/api-ui/authkey.edit`);
    expect(stdout).toContain(HISTORYPIN_TEST_ACCOUNT.apiSecret);

    // Historypin's published example request, verified under /historypin.
    const token = '0083a327ee8f63e9f57829dc58214bd63a078c7fcd69f369d54e4fd28a7df7d3';
    const answer = await fetch(
      `${url}/historypin/en/api/user/get_edit.json?id=19&example_variable=123&api_key=${HISTORYPIN_TEST_ACCOUNT.apiKey}&api_token=${token}`,
    );
    expect(answer.status).toBe(200);

    child.kill('SIGINT');
    expect(await closed).toBe(0);
  }, 30_000);

  it('refuses a bad --port with a usage message', async () => {
    const child = spawn(process.execPath, ['--conditions=@authplug/source', cli, '--port', 'x']);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2);
    expect(stderr).toContain('--port must be an integer');
  });
});
