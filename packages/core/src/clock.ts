/** Milliseconds since the epoch. Inject one to make timestamps deterministic in tests. */
export type Clock = () => number;

/**
 * A clock that can learn the server's offset. Schemes with timestamps (OAuth seconds, Safe
 * Creative milliseconds) fail when the local clock is off; the strategy learns the offset from
 * a rejected response's `Date` header and every later signature uses it.
 *
 * @example
 * ```ts
 * const clock = createClock(() => 1_000_000);
 * clock.learn('Thu, 01 Jan 1970 00:20:00 GMT'); // true
 * clock.now(); // 1_200_000
 * ```
 */
export interface SkewedClock {
  now(): number;
  /** Server time minus local time, in ms (0 until learnt). */
  readonly offset: number;
  /** Learns the offset from an HTTP `Date` header or a server time in ms; false if unusable. */
  learn(serverTime: string | number | null | undefined): boolean;
}

export function createClock(source: Clock = Date.now): SkewedClock {
  let offset = 0;
  return {
    now: () => source() + offset,
    get offset() {
      return offset;
    },
    learn(serverTime) {
      const ms =
        typeof serverTime === 'number' ? serverTime : serverTime ? Date.parse(serverTime) : Number.NaN;
      if (!Number.isFinite(ms)) return false;
      offset = ms - source();
      return true;
    },
  };
}
