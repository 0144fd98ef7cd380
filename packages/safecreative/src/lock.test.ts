import { memoryStore } from '@authplug/credentials';
import { describe, expect, it } from 'vitest';
import { acquireLocal, storeNonceLock } from './lock.ts';

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('storeNonceLock', () => {
  it('lets one holder at a time through, across lock instances sharing a store', async () => {
    const store = memoryStore();
    const one = storeNonceLock(store);
    const two = storeNonceLock(store);
    const release = await one.acquire('ak', { holdMs: 10_000 });
    expect(await store.get('safecreative-nonce/ak')).toMatchObject({ owner: expect.any(String) });
    let second = false;
    const waiting = two.acquire('ak', { holdMs: 10_000 }).then((r) => {
      second = true;
      return r;
    });
    await tick();
    expect(second).toBe(false);
    await release();
    await (await waiting)();
    expect(second).toBe(true);
    expect(await store.get('safecreative-nonce/ak')).toBeUndefined();
  });

  it('takes over a lease older than holdMs (a crashed holder)', async () => {
    const store = memoryStore();
    await storeNonceLock(store).acquire('ak', { holdMs: 150 });
    const started = Date.now();
    await storeNonceLock(store).acquire('ak', { holdMs: 150 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('stops waiting when the signal aborts', async () => {
    const store = memoryStore();
    await storeNonceLock(store).acquire('ak', { holdMs: 10_000 });
    await expect(
      storeNonceLock(store).acquire('ak', { holdMs: 10_000, signal: AbortSignal.timeout(30) }),
    ).rejects.toThrow();
  });
});

describe('acquireLocal', () => {
  it('queues holders per authkey, and a hold lapses after holdMs', async () => {
    const order: string[] = [];
    const a = await acquireLocal('k1', 300);
    const b = acquireLocal('k1', 10_000).then((r) => {
      order.push('b');
      return r;
    });
    const other = await acquireLocal('k2', 10_000); // another authkey is not blocked
    order.push('other');
    await tick(10);
    expect(order).toEqual(['other']);
    const started = Date.now();
    const releaseB = await b; // a lapses
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(order).toEqual(['other', 'b']);
    await a(); // a late release is harmless
    await releaseB();
    await other();
  });
});
