import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptStoreError, InsecurePermissionsError, StoreIOError, StoreLockedError } from './errors.ts';
import { defaultCredentialsPath, fileStore } from './file.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'authplug-file-'));
  file = join(dir, 'credentials.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string): number => statSync(path).mode & 0o777;
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
};
const writeLock = (content: object | string, ageMs = 0): void => {
  writeFileSync(`${file}.lock`, typeof content === 'string' ? content : JSON.stringify(content), {
    mode: 0o600,
  });
  const t = new Date(Date.now() - ageMs);
  utimesSync(`${file}.lock`, t, t);
};

describe('defaultCredentialsPath', () => {
  it('uses an absolute $XDG_CONFIG_HOME on every platform', () => {
    for (const platform of ['linux', 'darwin']) {
      expect(
        defaultCredentialsPath({ env: { XDG_CONFIG_HOME: '/xdg' }, platform, homedir: '/home/ada' }),
      ).toBe('/xdg/authplug/credentials.json');
    }
  });
  it('ignores a relative $XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(
      defaultCredentialsPath({ env: { XDG_CONFIG_HOME: 'rel' }, platform: 'linux', homedir: '/home/ada' }),
    ).toBe('/home/ada/.config/authplug/credentials.json');
  });
  it('falls back to ~/.config on Linux, Application Support on macOS, %APPDATA% on Windows', () => {
    expect(defaultCredentialsPath({ env: {}, platform: 'linux', homedir: '/home/ada' })).toBe(
      '/home/ada/.config/authplug/credentials.json',
    );
    expect(defaultCredentialsPath({ env: {}, platform: 'darwin', homedir: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/authplug/credentials.json',
    );
    expect(
      defaultCredentialsPath({
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\ada',
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\authplug\\credentials.json');
    expect(defaultCredentialsPath({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\authplug\\credentials.json',
    );
  });
  it('is what fileStore() uses without a path', () => {
    expect(fileStore().path).toBe(defaultCredentialsPath());
  });
});

describe('fileStore: files and permissions', () => {
  it('treats a missing file (and a missing directory) as an empty store, creating nothing on read', async () => {
    const store = fileStore({ path: join(dir, 'a', 'b', 'credentials.json') });
    expect(await store.get('x/default')).toBeUndefined();
    expect(await store.list()).toEqual([]);
    expect(await store.delete('x/default')).toBe(false);
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('reports a path it cannot use with StoreIOError and the system code', async () => {
    writeFileSync(file, '{}', { mode: 0o600 });
    const store = fileStore({ path: join(file, 'inside-a-file.json') });
    await expect(store.get('a/b')).rejects.toMatchObject({ code: 'AUTHPLUG_STORE_IO', errno: 'ENOTDIR' });
    const error = await store.set('a/b', { apiKey: 'k' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreIOError);
    expect((error as Error).message).toContain(file);
  });

  it('creates the directory 0700 and the file 0600, and writes plain JSON', async () => {
    const path = join(dir, 'new', 'credentials.json');
    await fileStore({ path }).set('ipernity/default', { apiKey: 'k', secret: 's' });
    expect(mode(join(dir, 'new'))).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      'ipernity/default': { apiKey: 'k', secret: 's' },
    });
  });

  it('treats a blank file as empty (a file pre-created with touch + chmod 600)', async () => {
    writeFileSync(file, '\n', { mode: 0o600 });
    const store = fileStore({ path: file });
    expect(await store.list()).toEqual([]);
    await store.set('a/b', { x: 1 });
    expect(await store.get('a/b')).toEqual({ x: 1 });
  });

  it('refuses a file group or others can read, naming the file and the chmod that fixes it', async () => {
    const path = join(dir, "my dir's", 'credentials.json');
    mkdirSync(join(dir, "my dir's"));
    writeFileSync(path, JSON.stringify({ 'a/b': { secret: 'hush-perm-1' } }));
    chmodSync(path, 0o644);
    const store = fileStore({ path });
    for (const call of [() => store.get('a/b'), () => store.list(), () => store.set('a/b', {})]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InsecurePermissionsError);
      expect(error).toMatchObject({ code: 'AUTHPLUG_INSECURE_PERMISSIONS', path, mode: 0o644 });
      const { message, fix } = error as InsecurePermissionsError;
      expect(message).toContain(path);
      expect(message).toContain('644');
      expect(message).toContain(fix);
      expect(`${message}${JSON.stringify(error)}${inspect(error)}`).not.toContain('hush-perm-1');
    }
    expect(mode(path)).toBe(0o644); // refused: nothing rewritten
    // The fix, run in a shell as given, works.
    const { fix } = (await store.get('a/b').catch((e: unknown) => e)) as InsecurePermissionsError;
    expect(spawnSync('sh', ['-c', fix]).status).toBe(0);
    expect(mode(path)).toBe(0o600);
    expect(await store.get('a/b')).toEqual({ secret: 'hush-perm-1' });
  });

  it('refuses group-only and other-only access too (0640, 0604, 0620)', async () => {
    writeFileSync(file, '{}');
    for (const m of [0o640, 0o604, 0o620]) {
      chmodSync(file, m);
      await expect(fileStore({ path: file }).list()).rejects.toMatchObject({ mode: m });
    }
    chmodSync(file, 0o400);
    expect(await fileStore({ path: file }).list()).toEqual([]);
  });

  it('accepts an open file with one warning when allowInsecurePermissions is set', async () => {
    writeFileSync(file, JSON.stringify({ 'a/b': { apiKey: 'k' } }));
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    const store = fileStore({
      path: file,
      allowInsecurePermissions: true,
      onWarning: (m) => warnings.push(m),
    });
    expect(await store.get('a/b')).toEqual({ apiKey: 'k' });
    expect(await store.list()).toEqual(['a/b']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`chmod 600 ${file}`);
  });
});

describe('fileStore: a corrupt file', () => {
  const bad = '{"a/b": {"apiKey": "k", "secret": "hush-corrupt-1" oops';

  it('is never overwritten: every call rejects with CorruptStoreError and the bytes stay', async () => {
    writeFileSync(file, bad, { mode: 0o600 });
    const store = fileStore({ path: file });
    const calls = [
      () => store.get('a/b'),
      () => store.list(),
      () => store.set('a/b', { apiKey: 'new' }),
      () => store.update('a/b', () => ({ apiKey: 'new' })),
      () => store.delete('a/b'),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptStoreError);
      expect(error).toMatchObject({ code: 'AUTHPLUG_CORRUPT_STORE', path: file });
      const shown = `${(error as Error).message}${JSON.stringify(error)}${inspect(error, { showHidden: true, depth: 10 })}`;
      expect(shown).toContain('reset()');
      expect(shown).not.toContain('hush-corrupt-1');
    }
    expect(readFileSync(file, 'utf8')).toBe(bad);
  });

  it('has the wrong shape: an array, or a key holding a non-object', async () => {
    for (const text of ['[]', '"x"', '{"a/b": "hush-shape-1"}', '{"a/b": [1]}']) {
      writeFileSync(file, text, { mode: 0o600 });
      const error = await fileStore({ path: file })
        .get('a/b')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptStoreError);
      expect((error as Error).message).not.toContain('hush-shape-1');
    }
  });

  it('is moved aside under a timestamped name by reset(), leaving an empty writable store', async () => {
    writeFileSync(file, bad, { mode: 0o600 });
    const store = fileStore({ path: file });
    const before = Date.now();
    const aside = await store.reset();
    expect(aside).toMatch(/credentials\.json\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.bak$/);
    const stamp = aside!.match(/(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/)!;
    expect(Date.parse(`${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}.${stamp[5]}Z`)).toBeGreaterThanOrEqual(
      before - 1,
    );
    expect(readFileSync(aside!, 'utf8')).toBe(bad);
    expect(mode(aside!)).toBe(0o600);
    expect(await store.list()).toEqual([]);
    await store.set('a/b', { apiKey: 'fresh' });
    expect(await store.get('a/b')).toEqual({ apiKey: 'fresh' });
    expect(await store.reset()).not.toBe(aside); // a second reset keeps the first backup
    expect(readFileSync(aside!, 'utf8')).toBe(bad);
    expect(await store.reset()).toBeUndefined(); // nothing left to move
  });
});

describe('fileStore: atomic writes', () => {
  it('replaces the file by rename (new inode) and leaves no temp file', async () => {
    const store = fileStore({ path: file });
    await store.set('a/b', { n: 1 });
    const first = statSync(file).ino;
    await store.set('c/d', { n: 2 });
    expect(statSync(file).ino).not.toBe(first); // (the next write may get the freed inode back)
    await store.update('a/b', () => ({ n: 3 }));
    expect(readdirSync(dir)).toEqual(['credentials.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'a/b': { n: 3 }, 'c/d': { n: 2 } });
  });

  it('writes nothing when an update changes nothing, but does when the function mutated the value it got', async () => {
    const store = fileStore({ path: file });
    await store.set('a/b', { owner: 'x', expires: 1 });
    const ino = statSync(file).ino;
    const mtime = statSync(file).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.update('a/b', (v) => v)).toEqual({ owner: 'x', expires: 1 });
    expect(statSync(file).ino).toBe(ino);
    expect(statSync(file).mtimeMs).toBe(mtime);
    await store.update<{ owner: string }>('a/b', (v) => {
      v!.owner = 'y';
      return v;
    });
    expect(await fileStore({ path: file }).get('a/b')).toEqual({ owner: 'y', expires: 1 });
  });

  it('sees a write made by another store instance (another process) on the next read', async () => {
    const reader = fileStore({ path: file });
    await fileStore({ path: file }).set('a/b', { authToken: 'one' });
    expect(await reader.get('a/b')).toEqual({ authToken: 'one' });
    writeFileSync(file, JSON.stringify({ 'a/b': { authToken: 'two' } }), { mode: 0o600 });
    expect(await reader.get('a/b')).toEqual({ authToken: 'two' });
  });
});

describe('fileStore: the lock', () => {
  it('takes over at once a lock whose holder is dead, and sweeps the temp files it left', async () => {
    const pid = deadPid();
    writeLock({ pid, host: hostname(), createdAt: new Date().toISOString(), token: 't' });
    const orphan = join(dir, `.credentials.json.write.${pid}.abcdef.tmp`);
    writeFileSync(orphan, '{"half');
    const started = Date.now();
    await fileStore({ path: file, staleLockMs: 60_000 }).set('a/b', { n: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(readdirSync(dir)).toEqual(['credentials.json']);
  });

  it('gets past a breaker file left by a process that died while taking over a stale lock', async () => {
    const pid = deadPid();
    writeLock({ pid, host: hostname(), createdAt: 'then', token: 't' });
    writeFileSync(`${file}.lock.break`, String(pid));
    const started = Date.now();
    await fileStore({ path: file, staleLockMs: 60_000 }).set('a/b', { n: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(readdirSync(dir)).toEqual(['credentials.json']);
  });

  it('takes over a lock not refreshed for staleLockMs (holder on another host, or frozen)', async () => {
    writeLock({ pid: process.ppid, host: 'elsewhere', createdAt: 'then', token: 't' }, 5_000);
    await fileStore({ path: file, staleLockMs: 1_000 }).set('a/b', { n: 1 });
    writeLock('', 5_000); // a lock with no readable content
    await fileStore({ path: file, staleLockMs: 1_000 }).set('a/b', { n: 2 });
    expect(await fileStore({ path: file }).get('a/b')).toEqual({ n: 2 });
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits for a live holder, then fails with StoreLockedError naming the lock and its pid; reads go on', async () => {
    writeLock({ pid: process.ppid, host: hostname(), createdAt: 'now', token: 't' });
    const store = fileStore({ path: file, lockTimeoutMs: 300, staleLockMs: 60_000 });
    const error = await store.set('a/b', { n: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect(error).toMatchObject({
      code: 'AUTHPLUG_STORE_LOCKED',
      path: `${file}.lock`,
      holderPid: process.ppid,
    });
    expect((error as Error).message).toContain(`${file}.lock`);
    expect(await store.get('a/b')).toBeUndefined(); // reads take no lock
    rmSync(`${file}.lock`);
    await store.set('a/b', { n: 1 });
    expect(await store.get('a/b')).toEqual({ n: 1 });
  });

  it('is fair: a process with a queue of updates lets a waiting one in', async () => {
    // Two paths to one file (through a symlinked directory): two independent stores, one lock file.
    symlinkSync(dir, `${dir}-fair`);
    try {
      const greedy = fileStore({ path: file });
      const other = fileStore({ path: join(`${dir}-fair`, 'credentials.json') });
      const order: string[] = [];
      const slowUpdate = () =>
        greedy.update<{ n: number }>('a/b', async (v) => {
          await new Promise((r) => setTimeout(r, 15));
          order.push('greedy');
          return { n: (v?.n ?? 0) + 1 };
        });
      const queue = (async () => {
        for (let i = 0; i < 20; i++) await slowUpdate();
      })();
      await new Promise((r) => setTimeout(r, 5));
      await other.update<{ n: number }>('a/b', (v) => {
        order.push('other');
        return { n: (v?.n ?? 0) + 1 };
      });
      await queue;
      expect(order.indexOf('other')).toBeLessThan(10); // not after all 20 of the greedy ones
      expect(await greedy.get('a/b')).toEqual({ n: 21 });
    } finally {
      rmSync(`${dir}-fair`, { force: true });
    }
  });

  it('keeps its lock fresh while a long update runs, so a waiter does not break it', async () => {
    // Two paths to one file (through a symlinked directory): two independent stores, one lock file.
    symlinkSync(dir, join(`${dir}-link`));
    try {
      const a = fileStore({ path: file, staleLockMs: 150 });
      const b = fileStore({ path: join(`${dir}-link`, 'credentials.json'), staleLockMs: 150 });
      let bSaw: unknown;
      const slow = a.update<{ n: number }>('a/b', async (v) => {
        await new Promise((r) => setTimeout(r, 700));
        return { n: (v?.n ?? 0) + 1 };
      });
      await new Promise((r) => setTimeout(r, 50));
      const quick = b.update<{ n: number }>('a/b', (v) => {
        bSaw = v;
        return { n: (v?.n ?? 0) + 1 };
      });
      await Promise.all([slow, quick]);
      expect(bSaw).toEqual({ n: 1 });
      expect(await a.get('a/b')).toEqual({ n: 2 });
    } finally {
      rmSync(`${dir}-link`, { force: true });
    }
  });
});
