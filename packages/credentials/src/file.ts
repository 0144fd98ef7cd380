import { InvalidOptionError } from '@authplug/core';
import { assertKey, assertValue } from './check.ts';
import {
  CorruptStoreError,
  InsecurePermissionsError,
  insecureMessage,
  StoreIOError,
  StoreLockedError,
  shellQuote,
  UnsupportedRuntimeError,
} from './errors.ts';
import { guarded } from './redact.ts';
import type { CredentialStore, CredentialValue } from './store.ts';

type Fs = typeof import('node:fs');
type Path = typeof import('node:path');
type Os = typeof import('node:os');
type Crypto = typeof import('node:crypto');
type Data = Map<string, CredentialValue>;

interface NodeProcess {
  pid: number;
  platform: string;
  env: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
  emitWarning(message: string, options?: { code?: string }): void;
  kill(pid: number, signal: number): boolean;
}

/** Node's built-ins, fetched lazily so that importing this package never loads them (browsers). */
function nodeBuiltins(store: string): { proc: NodeProcess; fs: Fs; path: Path; os: Os; crypto: Crypto } {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (typeof proc?.getBuiltinModule !== 'function') throw new UnsupportedRuntimeError(store);
  return {
    proc,
    fs: proc.getBuiltinModule('node:fs') as Fs,
    path: proc.getBuiltinModule('node:path') as Path,
    os: proc.getBuiltinModule('node:os') as Os,
    crypto: proc.getBuiltinModule('node:crypto') as Crypto,
  };
}

/**
 * What {@link defaultCredentialsPath} looks at; each defaults to the running process's.
 *
 * @example
 * ```ts
 * const where: DefaultPathOptions = { env: {}, platform: 'darwin', homedir: '/Users/ada' };
 * ```
 */
export interface DefaultPathOptions {
  env?: Record<string, string | undefined>;
  platform?: string;
  homedir?: string;
}

/**
 * Where `fileStore()` keeps credentials when given no `path`:
 * `$XDG_CONFIG_HOME/authplug/credentials.json` when that variable holds an absolute path (on any
 * platform), else `~/Library/Application Support/authplug/credentials.json` on macOS,
 * `%APPDATA%\authplug\credentials.json` on Windows, and `~/.config/authplug/credentials.json`
 * elsewhere.
 *
 * @example
 * ```ts
 * defaultCredentialsPath({ env: {}, platform: 'linux', homedir: '/home/ada' });
 * // '/home/ada/.config/authplug/credentials.json'
 * ```
 */
export function defaultCredentialsPath(options: DefaultPathOptions = {}): string {
  const { proc, os, path } = nodeBuiltins('fileStore');
  const env = options.env ?? proc.env;
  const platform = options.platform ?? proc.platform;
  const home = options.homedir ?? os.homedir();
  const p = platform === 'win32' ? path.win32 : path.posix;
  const xdg = env['XDG_CONFIG_HOME'];
  let base: string;
  if (xdg && p.isAbsolute(xdg)) base = xdg;
  else if (platform === 'win32') base = env['APPDATA'] || p.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = p.join(home, 'Library', 'Application Support');
  else base = p.join(home, '.config');
  return p.join(base, 'authplug', 'credentials.json');
}

/**
 * Options of {@link fileStore}.
 *
 * @example
 * ```ts
 * const options: FileStoreOptions = { path: '/run/secrets/authplug.json', allowInsecurePermissions: true };
 * ```
 */
export interface FileStoreOptions {
  /** The JSON file. Default {@link defaultCredentialsPath}. Relative paths resolve against the cwd. */
  path?: string;
  /**
   * Accept a file that group or others can read, with a warning instead of an
   * `InsecurePermissionsError` (for secrets mounted by an orchestrator). Default false.
   */
  allowInsecurePermissions?: boolean;
  /** Receives that warning, once per store. Default `process.emitWarning`. */
  onWarning?: (message: string) => void;
  /** How long a write waits for another live process's lock before `StoreLockedError`. Default 10 000 ms. */
  lockTimeoutMs?: number;
  /**
   * A lock whose holder is dead (same host) is taken over at once; one not refreshed for this
   * long (its holder is frozen, or on another host) is taken over too. Holders refresh their lock
   * every third of it while `update`'s function runs. Default 10 000 ms.
   */
  staleLockMs?: number;
}

/**
 * A {@link CredentialStore} kept in one JSON file; see {@link fileStore}.
 *
 * @example
 * ```ts
 * const store: FileStore = fileStore();
 * console.log(`credentials in ${store.path}`);
 * ```
 */
export interface FileStore extends CredentialStore {
  /** The absolute path of the file. */
  readonly path: string;
  /**
   * Moves the file (corrupt or not) aside to `<path>.<timestamp>.bak`, under the lock, and
   * returns that new path (`undefined` when there was no file). The store is empty afterwards.
   */
  reset(): Promise<string | undefined>;
}

interface LockInfo {
  pid: number | undefined;
  host: string | undefined;
  token: string | undefined;
  ino: number;
  mtimeMs: number;
}

// One queue per file in this process: the file lock then only arbitrates between processes.
const queues = new Map<string, Promise<unknown>>();
function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

const STARVING_MS = 30;
const MAX_POLL_MS = 15;
const HANDOFF_MS = 20;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const errno = (error: unknown): string => (error as { code?: string }).code ?? 'UNKNOWN';
const isPlainObject = (v: unknown): v is CredentialValue => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Credentials in a JSON file (`{ "<provider>/<profile>": { …fields } }`) that never loses a token:
 *
 * - **Atomic writes**: each write goes to a temp file in the same directory, is fsynced, renamed
 *   over the file, and the directory is fsynced. A crash leaves the old file or the new one.
 * - **Permissions**: created 0600 in a directory created 0700. A file group or others can read is
 *   refused with `InsecurePermissionsError`, naming the file and the `chmod 600` that fixes it
 *   (`allowInsecurePermissions` turns this into a warning). Not checked on Windows.
 * - **Locking**: `set`, `delete`, `update` and `reset` read-modify-write under `<path>.lock`,
 *   created exclusively with the holder's pid, host and time; a lock whose holder died, or that
 *   was not refreshed for `staleLockMs`, is taken over. Reads take no lock.
 * - **Corruption**: a file that does not parse is never overwritten: every call rejects with
 *   `CorruptStoreError` until it is repaired or `reset()` moves it aside. A missing (or blank)
 *   file is an empty store.
 *
 * Do not call the same store from inside `update`'s function: it waits for the lock it holds.
 *
 * @example
 * ```ts
 * const store = fileStore(); // ~/.config/authplug/credentials.json
 * await store.update('ipernity/default', (v) => ({ ...v, authToken: token }));
 * ```
 */
export function fileStore(options: FileStoreOptions = {}): FileStore {
  const { proc, fs, path: nodePath, os, crypto } = nodeBuiltins('fileStore');
  const fsp = fs.promises;
  const file = nodePath.resolve(options.path ?? defaultCredentialsPath());
  const dir = nodePath.dirname(file);
  const base = nodePath.basename(file);
  const lockPath = `${file}.lock`;
  // Fairness: a process that has waited STARVING_MS touches this file; a holder that finds it
  // fresh on release lets a waiter in before taking the lock again (up to HANDOFF_MS, longer than
  // a waiter's longest sleep). Without it, a process with a queue of updates would re-take the
  // lock within microseconds of every release, and the others would time out.
  const waitPath = nodePath.join(dir, `.${base}.waiting`);
  let yieldOnNextAcquire = false;
  const windows = proc.platform === 'win32';
  const lockTimeoutMs = positive('lockTimeoutMs', options.lockTimeoutMs, 10_000);
  const staleLockMs = positive('staleLockMs', options.staleLockMs, 10_000);
  const onWarning =
    options.onWarning ??
    ((message: string) => proc.emitWarning(message, { code: 'AUTHPLUG_INSECURE_PERMISSIONS' }));
  const warned = new Set<number>();
  let swept = false; // temp files of dead processes are removed on the first write, and after a stale lock
  const host = os.hostname();
  const tempName = (kind: string) =>
    nodePath.join(dir, `.${base}.${kind}.${proc.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);

  function positive(name: string, value: number | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) {
      throw new InvalidOptionError(
        '@authplug/credentials',
        name,
        'must be a positive number of milliseconds.',
      );
    }
    return value;
  }

  function checkMode(mode: number): void {
    if (windows || (mode & 0o077) === 0) return;
    if (!options.allowInsecurePermissions) throw new InsecurePermissionsError(file, mode & 0o777);
    if (warned.has(mode)) return;
    warned.add(mode);
    onWarning(insecureMessage(file, mode & 0o777, `chmod 600 ${shellQuote(file)}`));
  }

  function parse(text: string): Data {
    const body = text.replace(/^\uFEFF/, '');
    if (body.trim() === '') return new Map();
    let root: unknown;
    try {
      root = JSON.parse(body);
    } catch (error) {
      // The parser's message quotes the text around the fault, which may be a secret: keep only
      // the position.
      const at = /position (\d+)/.exec(String((error as Error).message))?.[1];
      throw new CorruptStoreError(file, `is not valid JSON${at ? ` (error at character ${at})` : ''}`);
    }
    if (!isPlainObject(root)) throw new CorruptStoreError(file, 'is not a JSON object of credentials');
    const data: Data = new Map();
    for (const [key, value] of Object.entries(root)) {
      if (!isPlainObject(value)) {
        throw new CorruptStoreError(file, `holds a non-object under "${key}" (each key must hold an object)`);
      }
      data.set(key, value);
    }
    return data;
  }

  // Reads are synchronous on purpose: the file is small, and a read is four quick system calls
  // (open, fstat, read, close) where the promise API costs four thread-pool round trips. Writes,
  // whose fsyncs can take milliseconds, stay asynchronous.
  async function read(): Promise<Data> {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (error) {
      if (errno(error) === 'ENOENT') return new Map();
      throw new StoreIOError(file, 'read', errno(error));
    }
    try {
      checkMode(fs.fstatSync(fd).mode);
      let text: string;
      try {
        text = fs.readFileSync(fd, 'utf8');
      } catch (error) {
        throw new StoreIOError(file, 'read', errno(error));
      }
      return parse(text);
    } finally {
      fs.closeSync(fd);
    }
  }

  async function syncDir(): Promise<void> {
    if (windows) return; // directories cannot be opened for fsync there
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async function write(data: Data): Promise<void> {
    const tmp = tempName('write');
    try {
      const handle = await fsp.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(Object.fromEntries(data), null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(tmp, file);
      await syncDir();
    } catch (error) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      throw error instanceof Error && 'code' in error ? new StoreIOError(file, 'write', errno(error)) : error;
    }
  }

  async function readLock(): Promise<LockInfo | undefined> {
    try {
      const [stat, text] = await Promise.all([fsp.stat(lockPath), fsp.readFile(lockPath, 'utf8')]);
      let info: { pid?: unknown; host?: unknown; token?: unknown } = {};
      try {
        info = JSON.parse(text);
      } catch {}
      return {
        pid: typeof info.pid === 'number' ? info.pid : undefined,
        host: typeof info.host === 'string' ? info.host : undefined,
        token: typeof info.token === 'string' ? info.token : undefined,
        ino: stat.ino,
        mtimeMs: stat.mtimeMs,
      };
    } catch (error) {
      if (errno(error) === 'ENOENT') return undefined;
      throw new StoreIOError(lockPath, 'read', errno(error));
    }
  }

  function alive(pid: number): boolean {
    try {
      proc.kill(pid, 0);
      return true;
    } catch (error) {
      return errno(error) === 'EPERM';
    }
  }

  function deadHolder(lock: LockInfo): boolean {
    return lock.host === host && lock.pid !== undefined && lock.pid !== proc.pid && !alive(lock.pid);
  }

  function stale(lock: LockInfo): boolean {
    return deadHolder(lock) || Date.now() - lock.mtimeMs > staleLockMs;
  }

  /** Creates the lock file with its content in place: a reader never sees an empty lock. */
  async function tryCreateLock(token: string): Promise<boolean> {
    const content = JSON.stringify({ pid: proc.pid, host, createdAt: new Date().toISOString(), token });
    const tmp = tempName('lock');
    await fsp.writeFile(tmp, content, { mode: 0o600, flag: 'wx' });
    try {
      await fsp.link(tmp, lockPath);
      return true;
    } catch (error) {
      const code = errno(error);
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
      // No hard links on this file system: create exclusively, then fill.
      try {
        await fsp.writeFile(lockPath, content, { mode: 0o600, flag: 'wx' });
        return true;
      } catch (inner) {
        if (errno(inner) === 'EEXIST') return false;
        throw inner;
      }
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }

  /** Removes the temp files that dead processes of this host left next to the file. */
  async function sweep(): Promise<void> {
    const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const ours = new RegExp(`^\\.${escaped}\\.(?:write|lock)\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
    for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
      const pid = Number(ours.exec(name)?.[1]);
      if (pid && pid !== proc.pid && !alive(pid))
        await fsp.rm(nodePath.join(dir, name), { force: true }).catch(() => undefined);
    }
  }

  /** Takes a stale lock over, unless someone else changed it meanwhile. */
  async function breakLock(seen: LockInfo): Promise<void> {
    const breaker = `${lockPath}.break`;
    try {
      await fsp.writeFile(breaker, String(proc.pid), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
      // Someone else is breaking it (for microseconds); a breaker that died leaves this file.
      const [stat, text] = await Promise.all([
        fsp.stat(breaker).catch(() => undefined),
        fsp.readFile(breaker, 'utf8').catch(() => ''),
      ]);
      const pid = Number(text);
      const dead = pid > 0 && pid !== proc.pid && !alive(pid);
      if (stat && (dead || Date.now() - stat.mtimeMs > 2_000)) await fsp.rm(breaker, { force: true });
      else await sleep(1 + Math.random() * 2);
      return;
    }
    try {
      const now = await readLock();
      if (
        now &&
        now.ino === seen.ino &&
        now.token === seen.token &&
        now.mtimeMs === seen.mtimeMs &&
        stale(now)
      ) {
        await fsp.rm(lockPath, { force: true });
        swept = false; // its holder may have left temp files: sweep once we hold the lock
      }
    } finally {
      await fsp.rm(breaker, { force: true });
    }
  }

  /** Marks that a process is waiting for the lock. */
  async function signalWaiting(): Promise<void> {
    const now = new Date();
    await fsp
      .utimes(waitPath, now, now)
      .catch(() => fsp.writeFile(waitPath, '', { mode: 0o600 }).catch(() => undefined));
  }

  /** After a release a starving process was waiting for: let it take the lock first. */
  async function handOff(): Promise<void> {
    yieldOnNextAcquire = false;
    for (const until = Date.now() + HANDOFF_MS; Date.now() < until; ) {
      if (fs.existsSync(lockPath)) return;
      await sleep(1);
    }
  }

  async function acquire(): Promise<() => Promise<void>> {
    if (yieldOnNextAcquire) await handOff();
    const start = Date.now();
    const token = crypto.randomBytes(12).toString('hex');
    for (let attempt = 0; ; attempt++) {
      try {
        if (await tryCreateLock(token)) break;
      } catch (error) {
        throw new StoreIOError(lockPath, 'create', errno(error));
      }
      const holder = await readLock();
      if (holder === undefined) continue;
      if (stale(holder)) {
        await breakLock(holder);
        continue;
      }
      const waited = Date.now() - start;
      if (waited > lockTimeoutMs) throw new StoreLockedError(lockPath, holder.pid, waited);
      if (waited >= STARVING_MS) await signalWaiting();
      await sleep(Math.min(1 + attempt, MAX_POLL_MS / 1.5) * (0.5 + Math.random()));
    }
    const heartbeat = setInterval(() => {
      const now = new Date();
      fsp.utimes(lockPath, now, now).catch(() => undefined);
    }, staleLockMs / 3);
    heartbeat.unref?.();
    return async () => {
      clearInterval(heartbeat);
      const lock = await readLock().catch(() => undefined);
      if (lock?.token === token) await fsp.rm(lockPath, { force: true });
      const waiting = await fsp.stat(waitPath).catch(() => undefined);
      yieldOnNextAcquire = waiting !== undefined && Date.now() - waiting.mtimeMs < 2 * MAX_POLL_MS;
    };
  }

  /** Read-modify-write under the in-process queue and the file lock. */
  function locked<R>(fn: (data: Data) => Promise<{ write: boolean; result: R }>): Promise<R> {
    return exclusive(file, async () => {
      try {
        await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
      } catch (error) {
        throw new StoreIOError(dir, 'create the directory', errno(error));
      }
      const release = await acquire();
      try {
        if (!swept) {
          swept = true;
          await sweep();
        }
        const data = await read();
        const { write: changed, result } = await fn(data);
        if (changed) await write(data);
        return result;
      } finally {
        await release();
      }
    });
  }

  const json = (value: CredentialValue): CredentialValue => JSON.parse(JSON.stringify(value));

  return {
    writable: true,
    path: file,
    async get<T extends CredentialValue>(key: string) {
      assertKey(key);
      const value = (await read()).get(key);
      return value === undefined ? undefined : guarded(value as T);
    },
    async set(key, value) {
      assertKey(key);
      assertValue(key, value);
      const stored = json(value);
      await locked(async (data) => {
        data.set(key, stored);
        return { write: true, result: undefined };
      });
    },
    async delete(key) {
      assertKey(key);
      if (!fs.existsSync(file)) return false; // nothing to delete: create no directory, take no lock
      return locked(async (data) => {
        const had = data.delete(key);
        return { write: had, result: had };
      });
    },
    async list(prefix = '') {
      return [...(await read()).keys()].filter((k) => k.startsWith(prefix)).sort();
    },
    async update<T extends CredentialValue>(
      key: string,
      fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
    ) {
      assertKey(key);
      return locked(async (data) => {
        const current = data.get(key) as T | undefined;
        const before = current === undefined ? undefined : JSON.stringify(current);
        const next = await fn(current === undefined ? undefined : guarded(current));
        if (next === undefined) return { write: data.delete(key), result: undefined };
        assertValue(key, next);
        const text = JSON.stringify(next);
        const stored = JSON.parse(text) as CredentialValue;
        data.set(key, stored);
        // An update that changes nothing (a lease poll that finds the lease taken) writes nothing.
        return { write: text !== before, result: guarded(JSON.parse(text) as T) };
      });
    },
    async reset() {
      return exclusive(file, async () => {
        if (!fs.existsSync(file)) return undefined;
        const release = await acquire();
        try {
          const stamp = new Date().toISOString().replaceAll(':', '-').replace('.', '-');
          let target = `${file}.${stamp}.bak`;
          for (let n = 1; fs.existsSync(target); n++) target = `${file}.${stamp}-${n}.bak`;
          try {
            await fsp.rename(file, target);
          } catch (error) {
            if (errno(error) === 'ENOENT') return undefined;
            throw new StoreIOError(file, 'move aside', errno(error));
          }
          await syncDir();
          return target;
        } finally {
          await release();
        }
      });
    },
  };
}
