import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickButton, type RunningEmulators, SEEDED_APPS, startEmulators } from '@authplug/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyHome, outputs, run, start } from './harness.ts';

// Every command runs as a child process against emulators on loopback (started here, shared by
// the children through `--emulator <url>`), each test group with an empty HOME.
let server: RunningEmulators;
const homes: string[] = [];
const secrets = new Set<string>();
const { ipernity, proofile, historypin, safecreative } = SEEDED_APPS;
for (const s of [
  ipernity.app.secret,
  proofile.consumer.consumerSecret,
  historypin.account.apiSecret,
  safecreative.app.privateKey,
])
  secrets.add(s);

beforeAll(async () => {
  server = await startEmulators();
});
afterAll(async () => {
  await server?.close();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

const home = () => {
  const h = emptyHome();
  homes.push(h);
  return h;
};
const credentialsFile = (h: string) => join(h, '.config', 'authplug', 'emulator-credentials.json');
const stored = (h: string) =>
  JSON.parse(readFileSync(credentialsFile(h), 'utf8')) as Record<string, Record<string, unknown>>;
/**
 * Adds every secret field of the stored grants to the secrets no output may contain. Safe
 * Creative's authKey is left out: like an OAuth request token it is the public half of the
 * grant, carried in the authorization link the person must open (its private key is checked).
 */
const learnSecrets = (h: string) => {
  for (const entry of Object.values(stored(h)))
    for (const [field, value] of Object.entries(entry))
      if (/secret|token|privatekey/i.test(field) && typeof value === 'string' && value.length >= 6)
        secrets.add(value);
};
const emu = () => ['--emulator', server.url];
/** Clicks a button on the authorization page the CLI printed, and follows a redirect as a browser does. */
async function approveFrom(running: ReturnType<typeof start>, label = 'Approve'): Promise<void> {
  const [url] = await running.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\S*(?:authorize|authkey\.edit)\S*/);
  const answer = await clickButton(url, label);
  const location = answer.headers.get('location');
  if (location) await (await fetch(location)).text();
}

afterAll(() => {
  // No secret (application secrets, tokens, token secrets, private keys) in any output of any test.
  for (const secret of secrets) {
    const leak = outputs.find((o) => o.includes(secret));
    expect(leak === undefined ? undefined : `a secret in: ${leak}`).toBeUndefined();
  }
});

describe('authplug --help', () => {
  it('documents every command, with examples', async () => {
    const h = home();
    const top = await run(h, ['--help']);
    expect(top.status).toBe(0);
    for (const command of ['login', 'status', 'logout', 'request', 'explain']) {
      expect(top.stdout).toContain(command);
      const help = await run(h, [command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Examples:');
    }
  });
});

describe('historypin (no flow)', () => {
  const h = home();
  it('login stores the key pair after a verified read-only call, status masks the secret', async () => {
    const login = await run(h, ['login', 'historypin', ...emu()]);
    expect(login.stderr).toContain('GET user/get_edit.json answered 200');
    expect(login.stdout).toMatch(/Logged in to historypin as tester \(historypin\/default/);
    expect(login.status).toBe(0);
    expect(statSync(credentialsFile(h)).mode & 0o777).toBe(0o600);
    expect(stored(h)['historypin/default']).toMatchObject({
      apiKey: historypin.account.apiKey,
      apiSecret: historypin.account.apiSecret,
    });

    const status = await run(h, ['status', ...emu()]);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('historypin/default');
    expect(status.stdout).toContain(historypin.account.apiKey);
    expect(status.stdout).toMatch(/apiSecret +••••/);

    const json = await run(h, ['status', '--json', '--check', ...emu()]);
    expect(json.status).toBe(0);
    const rows = JSON.parse(json.stdout);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'historypin',
        profile: 'default',
        check: { ok: true, detail: 'valid (tester)' },
      }),
    ]);
    expect(typeof rows[0].obtainedAt).toBe('string');
  });

  it('request prints the body the emulator verified; -i adds the status; -v shows the signature, no secret', async () => {
    const r = await run(h, ['request', 'historypin', 'user/get_edit.json', 'id=19', '-i', '-v', ...emu()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^HTTP 200\n/);
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf('\n\n') + 2))).toMatchObject({
      ok: true,
      user: 'tester',
    });
    expect(r.stderr).toMatch(/> \+ query api_token=[0-9a-f]{64}/);
    for (const client of ['axios', 'got']) {
      const c = await run(h, [
        'request',
        'historypin',
        'user/get_edit.json',
        'id=19',
        '--client',
        client,
        ...emu(),
      ]);
      expect(c.status).toBe(0);
      expect(JSON.parse(c.stdout)).toMatchObject({ ok: true });
    }
  });

  it('explain shows the published token string and a token node:crypto agrees with', async () => {
    const r = await run(h, [
      'explain',
      'historypin',
      'user/get_edit.json',
      'id=19',
      'example_variable=123',
      ...emu(),
    ]);
    expect(r.status).toBe(0);
    const base = `api_key=${historypin.account.apiKey}&api_path=user/get_edit.json&example_variable=123&id=19`;
    expect(r.stdout).toContain(base);
    expect(r.stdout).toMatch(/Key +apiSecret/);
    expect(r.stdout).toContain(createHmac('sha256', historypin.account.apiSecret).update(base).digest('hex'));
    expect(r.stdout).toMatch(/Goes in +query api_token/);
  });

  it('explain --expected points at the one parameter that differs', async () => {
    const theirs = `api_key=${historypin.account.apiKey}&api_path=user/get_edit.json&example_variable=123&id=20`;
    const r = await run(h, [
      'explain',
      'historypin',
      'user/get_edit.json',
      'id=19',
      'example_variable=123',
      '--expected',
      theirs,
      ...emu(),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('parameter id differs: expected id=20, authplug signed id=19');
    const same = await run(h, [
      'explain',
      'historypin',
      'user/get_edit.json',
      'id=20',
      'example_variable=123',
      '--expected',
      theirs,
      ...emu(),
    ]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('identical');
  });

  it('a call the provider refuses: exit 1 and the typed message', async () => {
    const file = credentialsFile(h);
    const all = stored(h);
    all['historypin/default'] = { ...all['historypin/default'], apiSecret: 'not-the-right-secret' };
    writeFileSync(file, JSON.stringify(all), { mode: 0o600 });
    const r = await run(h, ['request', 'historypin', 'user/get_edit.json', 'id=19', ...emu()]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/@authplug\/cli: historypin answered HTTP 40\d/);
    expect(r.stdout).toBe('');
  });

  it('logout removes the entry; a second logout says nothing is stored', async () => {
    const r = await run(h, ['logout', 'historypin', ...emu()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Removed historypin/default');
    expect(stored(h)['historypin/default']).toBeUndefined();
    const again = await run(h, ['logout', 'historypin', ...emu()]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('AUTHPLUG_CLI_NOT_LOGGED_IN');
  });
});

describe('flows, approved through the emulator pages', () => {
  const h = home();
  it('ipernity: desktop flow, polled until approved, token saved, then a signed request', async () => {
    const login = start(h, ['login', 'ipernity', '--perm', 'doc=write', '--no-browser', ...emu()]);
    await approveFrom(login);
    const result = await login.done;
    expect(result.stderr).toContain('desktop flow approved, token for james007 (doc: write)');
    expect(result.stdout).toMatch(/Logged in to ipernity as james007/);
    expect(result.status).toBe(0);
    expect(stored(h)['ipernity/default']).toMatchObject({
      apiKey: ipernity.app.apiKey,
      authToken: expect.any(String),
    });
    learnSecrets(h);
    const r = await run(h, [
      'request',
      'ipernity',
      'POST',
      'doc.tags.add/json',
      '-d',
      'doc_id=1234',
      '-d',
      'keywords=authplug',
      '-v',
      ...emu(),
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ doc: { doc_id: '1234' } });
    expect(r.stderr).toMatch(/> \+ form +api_sig=[0-9a-f]{32}/);

    // What ipernity would print holds the real secret: it is masked before the comparison.
    const args = [
      'explain',
      'ipernity',
      'POST',
      'doc.tags.add/json',
      '-d',
      'doc_id=1234',
      '-d',
      'keywords=easy',
      ...emu(),
    ];
    const e = await run(h, [...args, '--as-json']);
    const { base, signature } = JSON.parse(e.stdout) as { base: string; signature: string };
    expect(base).toMatch(/^api_key\w+auth_token‹authToken›doc_id1234keywordseasydoc\.tags\.add‹secret›$/);
    const theirs = base
      .replace('‹secret›', ipernity.app.secret)
      .replace('‹authToken›', stored(h)['ipernity/default']!['authToken'] as string);
    const same = await run(h, [...args, '--expected', theirs]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('identical');
    const other = await run(h, [...args, '--expected', theirs.replace('keywordseasy', 'keywordshard')]);
    expect(other.status).toBe(1);
    expect(other.stdout).toContain('parameter keywords differs: expected keywords=hard');
    const sig = await run(h, [
      ...args,
      '--expected',
      signature.replace(/^./, (c) => (c === '0' ? '1' : '0')),
    ]);
    expect(sig.status).toBe(1);
    expect(sig.stdout).toContain('the signatures differ');
  });

  it('proofile: three-legged OAuth with the loopback callback', async () => {
    const login = start(h, ['login', 'proofile', '--access', 'read_profile', '--no-browser', ...emu()]);
    await approveFrom(login);
    const result = await login.done;
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('three-legged OAuth approved (loopback callback)');
    expect(result.stdout).toMatch(/Logged in to proofile as 4711/);
    learnSecrets(h);
    const r = await run(h, ['request', 'proofile', 'userid/4711/profile', ...emu()]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ nickname: expect.any(String) });
  });

  it('oauth1: any OAuth 1.0a API (here the Proofile emulator), then explain --expected on its base string', async () => {
    const login = start(h, ['login', 'oauth1', '--no-browser', '--verify', 'ping', ...emu()]);
    await approveFrom(login);
    const result = await login.done;
    expect(result.status).toBe(0);
    learnSecrets(h);
    const e = await run(h, ['explain', 'oauth1', 'ping', 'x=1', '--as-json', ...emu()]);
    expect(e.status).toBe(0);
    const explained = JSON.parse(e.stdout) as { base: string; algorithm: string; key: string };
    expect(explained.algorithm).toBe('HMAC-SHA1');
    expect(explained.key).toBe('consumerSecret&tokenSecret');
    // The provider's base string: another timestamp and nonce (passed over) and x=2 (pointed at).
    const theirs = explained.base
      .replace(/oauth_nonce%3D[^%]+/, 'oauth_nonce%3Dabc')
      .replace(/oauth_timestamp%3D\d+/, 'oauth_timestamp%3D1')
      .replace('x%3D1', 'x%3D2');
    const d = await run(h, ['explain', 'oauth1', 'ping', 'x=1', '--expected', theirs, ...emu()]);
    expect(d.status).toBe(1);
    expect(d.stdout).toContain('parameter x differs: expected x=2, authplug signed x=1');
  });

  it('safecreative: authkey flow polled until approved, then work.list without a path', async () => {
    const login = start(h, ['login', 'safecreative', '--level', 'ADD', '--no-browser', ...emu()]);
    await approveFrom(login);
    const result = await login.done;
    expect(result.stderr).toContain('authkey flow approved, level ADD');
    expect(result.status).toBe(0);
    learnSecrets(h);
    const r = await run(h, ['request', 'safecreative', 'component=work.list', 'format=json', ...emu()]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('worklist');
    const status = await run(h, ['status', '--check', ...emu()]);
    expect(status.status).toBe(0);
    expect(status.stdout.match(/✔ (ipernity|proofile|oauth1|safecreative)\//g)).toHaveLength(4);
  });
});

describe('oauth1 --api: endpoints from a named entry of oauth1.json, keys from profile variables', () => {
  it('logs in with the entry as the profile, and signs requests to its apiUrl', async () => {
    const h = home();
    const dir = join(h, '.config', 'authplug');
    mkdirSync(dir, { recursive: true });
    const { requestToken, authorize, accessToken, api } = server.urls.proofile;
    writeFileSync(
      join(dir, 'oauth1.json'),
      JSON.stringify({
        photos: {
          requestTokenUrl: requestToken,
          authorizeUrl: authorize,
          accessTokenUrl: accessToken,
          apiUrl: api,
          verify: 'ping',
        },
      }),
    );
    const login = start(h, ['login', 'oauth1', '--api', 'photos', '--no-browser'], {
      AUTHPLUG_OAUTH1_PHOTOS_CONSUMER_KEY: proofile.consumer.consumerKey,
      AUTHPLUG_OAUTH1_PHOTOS_CONSUMER_SECRET: proofile.consumer.consumerSecret,
    });
    await approveFrom(login);
    const result = await login.done;
    expect(result.stderr).toContain('GET ping answered 200');
    expect(result.stdout).toContain('Logged in to oauth1 as 4711 (oauth1/photos');
    expect(result.status).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8'))['oauth1/photos'];
    expect(saved).toMatchObject({
      consumerKey: proofile.consumer.consumerKey,
      apiUrl: api,
      token: expect.any(String),
    });
    secrets.add(saved.token);
    secrets.add(saved.tokenSecret);
    const r = await run(h, ['request', 'oauth1', 'ping', '--profile', 'photos']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ userid: '4711' });
  });

  it('an unknown entry is a usage error naming the file', async () => {
    const r = await run(home(), ['login', 'oauth1', '--api', 'nothere']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--api nothere: there is no .*oauth1\.json/);
  });
});

describe('bad input', () => {
  it('an unknown provider: exit 2 and the known ones', async () => {
    const r = await run(home(), ['login', 'flickr', ...emu()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'unknown provider "flickr". Choose one of ipernity, proofile, oauth1, safecreative, historypin',
    );
  });

  it('an unknown flag: commander refuses it with the help', async () => {
    const r = await run(home(), ['status', '--frobnicate']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  it('missing keys without a terminal: an immediate error naming the variables, nothing written', async () => {
    const h = home();
    const r = await run(h, ['login', 'ipernity']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('AUTHPLUG_IPERNITY_API_KEY and AUTHPLUG_IPERNITY_SECRET');
    const work = await run(h, ['login', 'safecreative', '--profile', 'work']);
    expect(work.stderr).toContain(
      'AUTHPLUG_SAFECREATIVE_WORK_SHARED_KEY and AUTHPLUG_SAFECREATIVE_WORK_PRIVATE_KEY',
    );
    expect(existsSync(join(h, '.config', 'authplug', 'credentials.json'))).toBe(false);
  });

  it('keys from AUTHPLUG_* variables are used (no prompt), for a real-API login', async () => {
    const h = home();
    const r = await run(
      h,
      ['login', 'historypin', '--store', 'memory', '--api-url', server.urls.historypin.api],
      {
        AUTHPLUG_HISTORYPIN_API_KEY: historypin.account.apiKey,
        AUTHPLUG_HISTORYPIN_API_SECRET: historypin.account.apiSecret,
      },
    );
    expect(r.stdout).toContain('Logged in to historypin as tester');
    expect(r.status).toBe(0);
  });

  it('denial: exit 1, the store exactly as it was', async () => {
    const h = home();
    expect((await run(h, ['login', 'historypin', ...emu()])).status).toBe(0);
    const before = readFileSync(credentialsFile(h), 'utf8');
    const login = start(h, ['login', 'ipernity', '--no-browser', ...emu()]);
    await approveFrom(login, 'Deny');
    const result = await login.done;
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ipernity login was denied');
    expect(result.stderr).toContain('the store was left unchanged');
    expect(readFileSync(credentialsFile(h), 'utf8')).toBe(before);
  });

  it('Ctrl-C while the flow waits for approval: exit 130, the store exactly as it was', async () => {
    const h = home();
    expect((await run(h, ['login', 'historypin', ...emu()])).status).toBe(0);
    const before = readFileSync(credentialsFile(h), 'utf8');
    const login = start(h, ['login', 'safecreative', '--no-browser', ...emu()]);
    await login.waitFor(/authkey\.edit/);
    login.child.kill('SIGINT');
    const result = await login.done;
    expect(result.status).toBe(130);
    expect(result.stderr).toContain('safecreative login was interrupted; the store was left unchanged');
    expect(readFileSync(credentialsFile(h), 'utf8')).toBe(before);
  });

  it('a timeout while waiting: exit 1, nothing written', async () => {
    const h = home();
    const login = start(h, ['login', 'ipernity', '--no-browser', '--timeout', '1', ...emu()]);
    const result = await login.done;
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ipernity login timed out before the access was approved');
    expect(existsSync(credentialsFile(h))).toBe(false);
  });

  it('--store redis://… unreachable, or without @authplug/redis installed: a clear typed error', async () => {
    let installed = true;
    try {
      await import(/* @vite-ignore */ ['@authplug', 'redis'].join('/'));
    } catch {
      installed = false;
    }
    const r = await run(home(), ['status', '--store', 'redis://:hunter2@127.0.0.1:1/0']);
    expect(r.status).toBe(1);
    if (!installed) {
      expect(r.stderr).toContain('AUTHPLUG_CLI_STORE_UNAVAILABLE');
      expect(r.stderr).toContain('needs @authplug/redis');
    } else {
      // Installed: nothing listens on port 1, so the store says so (and the command exits).
      expect(r.stderr).toContain('AUTHPLUG_STORE_UNAVAILABLE');
      expect(r.stderr).toContain('127.0.0.1:1');
    }
    expect(r.stderr).not.toContain('hunter2');
  });

  it('--emulator with no URL starts the emulators in-process', async () => {
    const h = home();
    const r = await run(h, ['login', 'historypin', '--emulator']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Logged in to historypin as tester');
  });
});
