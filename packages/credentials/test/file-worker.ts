// A child process for the multi-process tests of fileStore (run with --conditions=@authplug/source).
//   update <file> <id> <count>: waits for "go" on stdin, then `count` times updates its own key
//     `worker/<id>` and the shared `shared/counter`, each +1.
//   hammer <file> <id>: sets `kill/target` in a loop (a large, self-checking value) and acks
//     each completed write on stdout, until killed.
import { createHash } from 'node:crypto';
import { fileStore } from '../src/file.ts';

const [mode, path, id, count] = process.argv.slice(2);
const store = fileStore({ path: path!, staleLockMs: 5_000, lockTimeoutMs: 60_000 });
type Counter = { count: number };

if (mode === 'update') {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  for (let i = 0; i < Number(count); i++) {
    await store.update<Counter>(`worker/${id}`, (v) => ({ count: (v?.count ?? 0) + 1 }));
    await store.update<Counter>('shared/counter', (v) => ({ count: (v?.count ?? 0) + 1 }));
  }
  process.stdout.write('done\n');
  process.stdin.destroy();
} else if (mode === 'hammer') {
  process.stdout.write('ready\n');
  for (let seq = 1; ; seq++) {
    const payload = `${id}:${seq}:`.padEnd(64 * 1024, 'x');
    const digest = createHash('sha256').update(payload).digest('hex');
    await store.set('kill/target', { writer: id, seq, payload, digest });
    process.stdout.write(`ack ${seq}\n`);
  }
}
