// Throughput helpers for the benches. Interleaved rounds, for the signing benches (oauth1, aws):
// each contender runs for a short round in turn, the order rotating every round, so load drift on
// a shared machine hits all alike. Ops/s are medians over rounds; ratios are medians of the
// per-round ratios. `steadyOps`, for the store benches (credentials, redis): one case at a time.
// `median`, for every bench.

/** Calls per burst between clock reads. */
const BURST = 64;

/** Ops/s of `fn` over about `ms` (awaited, one call at a time). */
export async function timeAsync(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() < start + ms) {
    for (let i = 0; i < BURST; i++) await fn();
    n += BURST;
  }
  return (n * 1000) / (performance.now() - start);
}

/** Ops/s of a synchronous `fn` over about `ms`. */
export function timeSync(fn: () => unknown, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() < start + ms) {
    for (let i = 0; i < BURST; i++) fn();
    n += BURST;
  }
  return Promise.resolve((n * 1000) / (performance.now() - start));
}

/**
 * Ops/s of `fn` over about `ms` (awaited, one call at a time) after a warm-up of a fifth of that
 * (at most 300 ms), reading the clock every 8 calls: for the store benches, whose slowest case
 * (a contended file update) manages about 20 calls a second.
 */
export async function steadyOps(fn: () => Promise<unknown>, ms: number): Promise<number> {
  for (const end = performance.now() + Math.min(300, ms / 5); performance.now() < end; ) await fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 8; i++) await fn();
    ops += 8;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** The median (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/**
 * Runs every contender once to warm up, then `rounds` rounds in rotating order. Returns each
 * contender's median ops/s and `ratio(a, b)`: the median of the per-round ops/s ratios a/b.
 */
export async function interleaved(
  contenders: Record<string, () => Promise<number>>,
  rounds: number,
): Promise<{ opsPerSecond: Record<string, number>; ratio(a: string, b: string): number }> {
  const names = Object.keys(contenders);
  const perRound: Record<string, number>[] = [];
  for (const name of names) await contenders[name]!();
  for (let round = 0; round < rounds; round++) {
    const got: Record<string, number> = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      got[name] = await contenders[name]!();
    }
    perRound.push(got);
  }
  return {
    opsPerSecond: Object.fromEntries(names.map((n) => [n, median(perRound.map((r) => r[n]!))])),
    ratio: (a, b) => median(perRound.map((r) => r[a]! / r[b]!)),
  };
}

/** `12,345`. */
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
