import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { clickButton, type RunningEmulators, SEEDED_APPS, startEmulators } from '@authplug/emulators';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTmux } from '../../../scripts/ensure-tmux.ts';
import { emptyHome, NODE_ARGS } from './harness.ts';

// One login as a person does it, in a real terminal (Debian's tmux, installed on demand): the
// keys typed at the prompts (the secret hidden), the spinner while the flow polls, the approval
// clicked on the emulator's page, the grant saved.
let tmux: string;
let server: RunningEmulators;
const home = emptyHome();
const session = `authplug-cli-${process.pid}`;
const { app, user } = SEEDED_APPS.ipernity;

beforeAll(async () => {
  tmux = ensureTmux(() => {});
  server = await startEmulators();
});
afterAll(async () => {
  try {
    execFileSync(tmux, ['kill-session', '-t', session], { stdio: 'ignore' });
  } catch {
    // already ended
  }
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

const pane = (): string =>
  execFileSync(tmux, ['capture-pane', '-p', '-J', '-t', session], { encoding: 'utf8' });
const type = (...keys: string[]) => execFileSync(tmux, ['send-keys', '-t', session, ...keys]);

/** Polls the pane until `pattern` shows (the terminal is the only thing a person sees). */
async function until(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pane().match(pattern);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`the terminal never showed ${pattern}:\n${pane()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('logs in to ipernity in a terminal: typed keys, a spinner, approval on the page, the grant saved', async () => {
  const env = [
    `HOME=${home}`,
    'TERM=xterm-256color',
    'LANG=C.UTF-8',
    'NO_COLOR=1',
    'DISPLAY=',
    `PATH=${process.env['PATH']}`,
  ];
  const command = [
    'env',
    '-i',
    ...env,
    process.execPath,
    ...NODE_ARGS,
    'login',
    'ipernity',
    '--perm',
    'doc=write',
    '--no-browser',
    '--base-url',
    server.urls.ipernity.base,
  ]
    .map((w) => `'${w.replaceAll("'", "'\\''")}'`)
    .join(' ');
  execFileSync(tmux, [
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '200',
    '-y',
    '50',
    `${command}; echo "EXIT=$?"; sleep 60`,
  ]);

  await until(/ipernity apiKey/);
  type('-l', app.apiKey);
  type('Enter');
  await until(/ipernity secret/);
  type('-l', app.secret);
  type('Enter');

  const [url] = await until(/http:\/\/127\.0\.0\.1:\d+\/ipernity\/apps\/authorize\?\S+/);
  // The flow polls behind a spinner until the person approves.
  // It moves: two different frames (Braille dots, or ora's ASCII ones where the terminal is
  // not known to do Unicode).
  const frames = new Set<string>();
  for (let look = 0; frames.size < 2; look++) {
    if (look > 200) throw new Error(`the spinner never moved:\n${pane()}`);
    frames.add((await until(/^([⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|[-\\|/]) ipernity: /m))[1]!);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect((await clickButton(url, 'Approve')).status).toBeLessThan(400);

  await until(/EXIT=\d+/);
  const screen = pane();
  expect(screen).toContain(`Logged in to ipernity as ${user.username}`);
  expect(screen).toContain('EXIT=0');
  expect(screen).not.toContain(app.secret);
  const saved = JSON.parse(readFileSync(join(home, '.config', 'authplug', 'credentials.json'), 'utf8'));
  expect(saved['ipernity/default']).toMatchObject({
    apiKey: app.apiKey,
    secret: app.secret,
    authToken: expect.any(String),
    apiUrl: server.urls.ipernity.api,
  });
  expect(screen).not.toContain(saved['ipernity/default'].authToken);
}, 240_000);
