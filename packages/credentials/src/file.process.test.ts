// fileStore across processes: real child processes (test/file-worker.ts) sharing one file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fileStore } from './file.ts';

// A guard against a hang, not a speed check: 3 200 fsynced, lock-serialized updates take ~10 s on
// a quiet 2-core machine and several times that while the rest of the test line runs beside them.
const HANG_GUARD_MS = 300_000;

const WORKER = new URL('../test/file-worker.ts', import.meta.url).pathname;
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'authplug-procs-'));
  file = join(dir, 'credentials.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function worker(...args: string[]): {
  child: ChildProcess;
  lines: string[];
  line: (text: string) => Promise<void>;
} {
  const child = spawn(process.execPath, ['--conditions=@authplug/source', WORKER, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { text: string; resolve: () => void }[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const part of parts) {
      lines.push(part);
      for (const w of waiters.filter((w) => part === w.text)) w.resolve();
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = (text: string) =>
    lines.includes(text)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiters.push({ text, resolve })),
          exited.then(() => {
            if (!lines.includes(text)) throw new Error(`worker exited before "${text}"`);
          }),
        ]);
  return { child, lines, line };
}

const exit = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

it(
  '8 processes x 200 updates on their own keys and on one shared counter lose nothing',
  async () => {
    const workers = Array.from({ length: 8 }, (_, i) => worker('update', file, String(i), '200'));
    await Promise.all(workers.map((w) => w.line('ready')));
    for (const w of workers) w.child.stdin!.write('go\n');
    const codes = await Promise.all(workers.map((w) => exit(w.child)));
    expect(codes).toEqual(Array(8).fill(0));

    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk['shared/counter']).toEqual({ count: 1600 });
    for (let i = 0; i < 8; i++) expect(onDisk[`worker/${i}`]).toEqual({ count: 200 });
    expect(Object.keys(onDisk)).toHaveLength(9);
    // no lock, no temp file left (only the fairness marker waiters touch)
    expect(readdirSync(dir).filter((n) => n !== '.credentials.json.waiting')).toEqual(['credentials.json']);
  },
  HANG_GUARD_MS,
);

it(
  '50 writers killed with SIGKILL at random instants: the file always parses and holds the old or the new value',
  async () => {
    const store = fileStore({ path: file });
    await store.set('kill/keep', { apiKey: 'untouched' });
    const check = (value: { writer: string; seq: number; payload: string; digest: string }) => {
      expect(createHash('sha256').update(value.payload).digest('hex')).toBe(value.digest);
      expect(value.payload.startsWith(`${value.writer}:${value.seq}:`)).toBe(true);
    };
    let previous: { writer: string; seq: number } | undefined;
    let torn = 0;
    let killedHoldingLock = 0; // rounds where the kill landed inside a read-modify-write
    for (let round = 0; round < 50; round++) {
      const w = worker('hammer', file, `w${round}`);
      await w.line('ready');
      // From the first write to a few dozen writes in: kills land in every phase of a write.
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      w.child.kill('SIGKILL');
      await exit(w.child);
      if (existsSync(`${file}.lock`)) killedHoldingLock++;

      const text = readFileSync(file, 'utf8');
      let onDisk: Record<string, never>;
      try {
        onDisk = JSON.parse(text);
      } catch {
        torn++;
        continue;
      }
      expect(onDisk['kill/keep']).toEqual({ apiKey: 'untouched' });
      const target = onDisk['kill/target'] as
        | { writer: string; seq: number; payload: string; digest: string }
        | undefined;
      const acked = Math.max(
        0,
        ...w.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4))),
      );
      if (target === undefined) {
        expect(previous).toBeUndefined(); // nothing was ever written there
        expect(acked).toBe(0);
      } else {
        check(target);
        if (target.writer === `w${round}`) {
          expect(target.seq).toBeGreaterThanOrEqual(acked); // the new value (or a newer one not yet acked)
        } else {
          expect(acked).toBe(0); // the old value: this writer completed no write
          expect(target).toMatchObject(previous!);
        }
        previous = { writer: target.writer, seq: target.seq };
      }
    }
    expect(torn).toBe(0);
    expect(killedHoldingLock).toBeGreaterThan(0);
    // The store is usable after the massacre: a stale lock (dead holder) is taken over at once,
    // and the temp files that killed writers left are swept by the next store's first write.
    const started = Date.now();
    await fileStore({ path: file }).update('kill/keep', (v) => ({ ...v, after: true }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await store.get('kill/keep')).toEqual({ apiKey: 'untouched', after: true });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  },
  HANG_GUARD_MS,
);
