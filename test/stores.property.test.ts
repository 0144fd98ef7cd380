import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  type CredentialStore,
  chainStore,
  encryptedStore,
  envStore,
  fileStore,
  generateEncryptionKey,
  memoryStore,
} from '@authplug/credentials';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { errorProblem, huge, shortOddText as oddText, RUNS } from './support/odd.ts';

// The credential stores under odd keys and values (lone surrogates, NULs, `__proto__`,
// `constructor`, 10 kB and 200 kB strings, deep nesting): every operation either round-trips
// as JSON would or rejects with a typed error; the file on disk always parses; nothing reaches
// Object.prototype. A model (a Map of JSON texts) says what each store must hold.

const HUSH = 'store-hush-K4j7';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'authplug-stores-'));
  dirs.push(dir);
  return join(dir, 'credentials.json');
};

interface Subject {
  name: string;
  /** `reopen`: a second store over the same file, as a second process would open it. */
  make(): { store: CredentialStore; file?: string; reopen?: () => CredentialStore };
}
const subjects: Subject[] = [
  { name: 'memoryStore', make: () => ({ store: memoryStore() }) },
  {
    name: 'fileStore',
    make: () => {
      const file = tempFile();
      return { store: fileStore({ path: file }), file };
    },
  },
  {
    name: 'chainStore(envStore, memoryStore)',
    make: () => ({ store: chainStore(envStore({ env: { AUTHPLUG_X_API_KEY: 'from-env' } }), memoryStore()) }),
  },
  {
    name: 'chainStore(envStore, fileStore)',
    make: () => {
      const file = tempFile();
      return { store: chainStore(envStore({ env: {} }), fileStore({ path: file })), file };
    },
  },
  {
    name: 'encryptedStore(fileStore)',
    make: () => {
      const file = tempFile();
      const keys = { k1: generateEncryptionKey() };
      const open = () => encryptedStore(fileStore({ path: file }), { keys, current: 'k1' });
      return { store: open(), file, reopen: open };
    },
  },
];

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  'a/b',
  'x/__proto__',
];
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_KEYS) },
  { weight: 2, arbitrary: oddText },
  { weight: 1, arbitrary: fc.constantFrom('ipernity/default', 'oauth1/work') },
);
const big = fc.oneof(
  huge,
  fc.integer({ min: 100_000, max: 200_000 }).map((n) => 'é'.repeat(n)),
);
const leaf = fc.oneof(
  oddText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...ODD_KEYS), oddText), tie('value'), { maxKeys: 4 }),
}));
/** A credential value: an object of odd fields, always holding one known secret. */
const value = fc
  .tuple(jsonish.object as fc.Arbitrary<Record<string, unknown>>, fc.option(big, { freq: 8 }))
  .map(([fields, large]) => {
    // `JSON.parse` gives `__proto__` as an own field, as a user's parsed config would.
    const out = JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
    out['secret'] = HUSH;
    if (large !== null) out['blob'] = large;
    return out;
  });

type Op =
  | { op: 'set'; key: string; value: Record<string, unknown> }
  | { op: 'get' | 'delete'; key: string }
  | { op: 'update'; key: string; value: Record<string, unknown> | undefined }
  | { op: 'list'; prefix: string };
const ops = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), key, value }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('get' as const, 'delete' as const), key }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('update' as const),
        key,
        value: fc.option(value, { nil: undefined }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('list' as const), prefix: fc.oneof(fc.constant(''), oddText) }),
    },
  ),
  { minLength: 1, maxLength: 6 },
);

// What a JSON store gives back: the JSON text of a value is the contract.
// Field order carries no meaning in a credential (encryptedStore returns readable fields before
// the unsealed secret ones), so values are compared as JSON with sorted keys.
const sorted = (_key: string, v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v;
const text = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v, sorted));

async function run(subject: Subject, sequence: Op[]): Promise<void> {
  const { store, file, reopen } = subject.make();
  const model = new Map<string, string>();
  for (const step of sequence) {
    try {
      switch (step.op) {
        case 'set':
          await store.set(step.key, step.value);
          model.set(step.key, text(step.value)!);
          break;
        case 'get': {
          const read = await store.get(step.key);
          expect(text(read), `get ${step.key}`).toBe(model.get(step.key));
          // A value read prints redacted: `secret` is a secret field wherever it sits.
          if (read) expect(inspect(read, { depth: null })).not.toContain(HUSH);
          break;
        }
        case 'delete':
          expect(await store.delete(step.key)).toBe(model.has(step.key));
          model.delete(step.key);
          break;
        case 'update': {
          const seen: string[] = [];
          const result = await store.update(step.key, (current) => {
            seen.push(text(current) ?? 'none');
            return step.value;
          });
          expect(seen, 'update saw the current value').toEqual([model.get(step.key) ?? 'none']);
          expect(text(result)).toBe(text(step.value));
          if (step.value === undefined) model.delete(step.key);
          else model.set(step.key, text(step.value)!);
          break;
        }
        case 'list':
          expect((await store.list(step.prefix)).filter((k) => !k.startsWith('x/'))).toEqual(
            [...model.keys()].filter((k) => k.startsWith(step.prefix) && !k.startsWith('x/')).sort(),
          );
          break;
      }
    } catch (error) {
      if ((error as Error)?.name === 'AssertionError') throw error;
      const problem = errorProblem(error, [HUSH]);
      expect(problem, `${step.op} ${JSON.stringify((step as { key?: string }).key)}`).toBeUndefined();
    }
    if (file) {
      // Never a corrupted file: whatever happened, what is on disk parses (or was never written).
      let onDisk = '';
      try {
        onDisk = readFileSync(file, 'utf8');
      } catch {
        // Not written yet.
      }
      if (onDisk !== '') expect(() => JSON.parse(onDisk)).not.toThrow();
    }
  }
  // Everything the model holds is there, also for a second store opened on the same file.
  const again = reopen ? reopen() : file ? fileStore({ path: file }) : store;
  for (const [k, v] of model) expect(text(await again.get(k)), `reopened ${k}`).toBe(v);
  expect(Object.prototype).toEqual({});
  expect(({} as Record<string, unknown>)['secret']).toBeUndefined();
}

describe('credential stores: odd keys and values round-trip or fail typed, the file never corrupt', () => {
  for (const subject of subjects) {
    it(subject.name, async () => {
      await fc.assert(
        fc.asyncProperty(ops, (sequence) => run(subject, sequence)),
        // Each run is a sequence of up to six operations; a file store's take a lock and an fsync.
        { ...RUNS, numRuns: subject.name.includes('file') ? 25 : 150 },
      );
      // About 2 s on an idle machine; room for a loaded CI runner.
    }, 90_000);
  }
});
