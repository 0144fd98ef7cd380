/**
 * Milliseconds since the epoch. Inject one to make timestamps deterministic in tests.
 *
 * @example
 * ```ts
 * const fixed: Clock = () => Date.UTC(2026, 0, 1);
 * ```
 */
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
  /** Milliseconds since the epoch: the source's time plus the learnt offset. */
  now(): number;
  /** Server time minus local time, in ms (0 until learnt). */
  readonly offset: number;
  /** Learns the offset from an HTTP `Date` header or a server time in ms; false if unusable. */
  learn(serverTime: string | number | null | undefined): boolean;
}

/**
 * A {@link SkewedClock} over `source` (default `Date.now`), with no offset until it learns one.
 *
 * @example
 * ```ts
 * const clock = createClock();
 * clock.learn(response.headers.get('date')); // after a "timestamp out of range" answer
 * const seconds = Math.floor(clock.now() / 1000);
 * ```
 */
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
