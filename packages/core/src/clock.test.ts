import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';
import { randomNonce } from './nonce.ts';

describe('createClock', () => {
  it('learns the server offset from a Date header and applies it from then on', () => {
    let local = Date.parse('2026-01-01T00:00:00Z');
    const clock = createClock(() => local);
    expect(clock.now()).toBe(local);
    expect(clock.learn('Thu, 01 Jan 2026 00:05:00 GMT')).toBe(true);
    expect(clock.offset).toBe(300_000);
    local += 1000;
    expect(clock.now()).toBe(Date.parse('2026-01-01T00:05:01Z'));
  });

  it('ignores an unusable server time', () => {
    const clock = createClock(() => 0);
    expect(clock.learn('not a date')).toBe(false);
    expect(clock.learn(undefined)).toBe(false);
    expect(clock.offset).toBe(0);
    expect(clock.learn(5000)).toBe(true);
    expect(clock.now()).toBe(5000);
  });
});

describe('randomNonce', () => {
  it('is hex of the asked length and does not repeat', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => randomNonce()));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[0-9a-f]{32}$/);
    expect(randomNonce(8)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('serves nonces larger than its batch of random bytes', () => {
    expect(randomNonce(5000)).toMatch(/^[0-9a-f]{10000}$/);
  });
});
