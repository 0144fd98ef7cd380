// `explain --expected`: where a string the provider printed (a base string or a signature)
// first differs from the one authplug signed, and which parameter that difference is in.
import { type Param, percentEncode } from '@authplug/core';

/** Values that change on every request: a difference there says nothing about the bug. */
export const PER_REQUEST: ReadonlySet<string> = new Set([
  'oauth_timestamp',
  'oauth_nonce',
  'ztime',
  'noncekey',
  'oauth_signature',
]);

/**
 * Where a signing string a provider printed first differs from the one authplug built.
 *
 * @example
 * ```ts
 * const d: Difference = compareSigned(expected, actual);
 * if (!d.same) console.log(d.message);
 * ```
 */
export interface Difference {
  /** True when the strings are equal (or differ only in per-request values). */
  readonly same: boolean;
  /** Index of the first differing character (in both strings), when they differ. */
  readonly index?: number;
  /** The parameter the first difference is in, when it is in one. */
  readonly param?: string;
  /** That parameter's value in each string (undefined: missing there). */
  readonly expectedValue?: string | undefined;
  /** The same parameter's value in authplug's string (undefined: missing there). */
  readonly actualValue?: string | undefined;
  /** Per-request parameters that differ and were passed over. */
  readonly skipped: readonly string[];
  /** What to tell the person, one line. */
  readonly summary: string;
}

/** Every spelling a parameter name can take in a string-to-sign: raw, encoded, encoded twice. */
const spellings = (name: string): string[] => [
  ...new Set([name, percentEncode(name), percentEncode(percentEncode(name))]),
];

/**
 * The span of each parameter in `text`: from where its name starts to where the next one starts
 * (or the end of the parameter area). Names are looked for in signing order, each after the last.
 */
function spans(text: string, params: readonly Param[]): Map<string, [number, number]> {
  const found: [string, number, number][] = [];
  let cursor = 0;
  for (const [name] of params) {
    let best = -1;
    let length = 0;
    for (const spelling of spellings(name)) {
      const at = indexOfName(text, spelling, cursor);
      if (at !== -1 && (best === -1 || at < best)) {
        best = at;
        length = spelling.length;
      }
    }
    if (best === -1) continue;
    found.push([name, best, best + length]);
    cursor = best + length;
  }
  const out = new Map<string, [number, number]>();
  found.forEach(([name, start], i) => {
    const next = found[i + 1];
    out.set(name, [start, next ? next[1] : text.length]);
  });
  return out;
}

/** A name at a parameter boundary: at the start, or after `&`, `%26`, `%2526` or the previous value. */
function indexOfName(text: string, name: string, from: number): number {
  for (let at = text.indexOf(name, from); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text.slice(0, at);
    const after = text.slice(at + name.length);
    const boundaryBefore = at === from || /(&|%26|%2526|&‹[^›]*›)$/.test(before) || at === 0;
    const boundaryAfter = /^(=|%3D|%253D)/.test(after) || !/^[A-Za-z0-9_]/.test(after);
    if (boundaryBefore && boundaryAfter) return at;
  }
  // Formats without separators (ipernity concatenates name and value): the next occurrence.
  return text.indexOf(name, from);
}

/** The value part of a parameter's span (after `=` in any spelling, before the separator). */
const paramValue = (text: string, span: [number, number] | undefined, name: string): string | undefined => {
  if (!span) return undefined;
  const raw = text.slice(span[0], span[1]);
  for (const spelling of spellings(name)) {
    if (raw.startsWith(spelling)) {
      return raw
        .slice(spelling.length)
        .replace(/^(=|%3D|%253D)/, '')
        .replace(/(&|%26|%2526)$/, '');
    }
  }
  return raw;
};

/**
 * Compares what the provider expected with what authplug signed. `params` are the signed
 * parameters in signing order (from `explain`): they locate each parameter in both strings.
 *
 * @example
 * ```ts
 * compareSigned('a=1&b=3', 'a=1&b=2', [['a', '1'], ['b', '2']]).param; // 'b'
 * ```
 */
export function compareSigned(expected: string, actual: string, params: readonly Param[]): Difference {
  if (expected === actual)
    return { same: true, skipped: [], summary: 'identical: the provider signed the same string.' };
  const mine = spans(actual, params);
  const theirs = spans(expected, params);
  const skipped: string[] = [];
  for (const [name] of params) {
    const a = paramValue(actual, mine.get(name), name);
    const e = paramValue(expected, theirs.get(name), name);
    if (a === e) continue;
    if (PER_REQUEST.has(name)) {
      skipped.push(name);
      continue;
    }
    const span = theirs.get(name) ?? mine.get(name)!;
    const index = firstDifference(expected, actual, span[0]);
    const summary =
      e === undefined
        ? `parameter ${name} is missing from the expected string (authplug signed ${name}=${a}).`
        : `parameter ${name} differs: expected ${name}=${e}, authplug signed ${name}=${a ?? '(nothing)'}.`;
    return { same: false, index, param: name, expectedValue: e, actualValue: a, skipped, summary };
  }
  // No parameter differs: the difference is outside them (method, URL, key, separators) or in
  // per-request values only.
  const firstSpan = [...mine.values()][0];
  const index = firstDifference(expected, actual, 0);
  const inParams = firstSpan !== undefined && index >= firstSpan[0];
  if (
    skipped.length &&
    inParams &&
    stripPerRequest(expected, theirs, skipped) === stripPerRequest(actual, mine, skipped)
  ) {
    return { same: true, skipped, summary: `the same but for per-request values (${skipped.join(', ')}).` };
  }
  const where =
    firstSpan !== undefined && index < firstSpan[0]
      ? 'before the parameters (method, URL or key)'
      : 'outside any parameter authplug signed (an extra parameter or a separator)';
  return { same: false, index, skipped, summary: `the strings differ at character ${index + 1}, ${where}.` };
}

function stripPerRequest(text: string, at: Map<string, [number, number]>, names: readonly string[]): string {
  const cut = names
    .map((n) => at.get(n))
    .filter((s): s is [number, number] => s !== undefined)
    .sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [start, end] of cut) out = out.slice(0, start) + out.slice(end);
  return out;
}

function firstDifference(a: string, b: string, from: number): number {
  let i = Math.min(from, a.length, b.length);
  if (a.slice(0, i) !== b.slice(0, i)) i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
