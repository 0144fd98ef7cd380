import { XMLParser } from 'fast-xml-parser';
import type { SafeCreativeErrorDetails } from './errors.ts';

/**
 * A parsed response: the root element's name and its content (strings, nested objects, arrays).
 *
 * @example
 * ```ts
 * const doc: SafeCreativeDocument = { root: 'workregistry', value: { code: '1311240000001' } };
 * ```
 */
export interface SafeCreativeDocument {
  readonly root: string;
  readonly value: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Keep every value a string: nonce keys and codes can look numeric (leading zeros, 13 digits).
  parseTagValue: false,
  trimValues: true,
});

/**
 * Parses a Safe Creative response, XML (the default) or JSON (`format=json`), into its root
 * element's name and content. JSON responses mirror the XML: one top-level key named like the
 * root element. `undefined` when the text is neither.
 *
 * @example
 * ```ts
 * parseSafeCreative('<authkeystate><authorized>true</authorized></authkeystate>');
 * // { root: 'authkeystate', value: { authorized: 'true' } }
 * ```
 */
export function parseSafeCreative(text: string): SafeCreativeDocument | undefined {
  const start = text.trimStart()[0];
  let parsed: unknown;
  try {
    if (start === '{') parsed = JSON.parse(text);
    else if (start === '<') parsed = parser.parse(text);
    else return undefined;
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length !== 1) return undefined;
  const root = keys[0]!;
  return { root, value: (parsed as Record<string, unknown>)[root] };
}

/** A field of a parsed element as a string (`true`/numbers in JSON become strings), or undefined. */
export function field(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * A cheap gate before parsing a whole answer: false when the text cannot be an error answer
 * (no `error`/`exception` root candidate anywhere). Only a gate: {@link errorOf} decides.
 */
export function mayBeError(text: string): boolean {
  return text.includes('error') || text.includes('exception');
}

/**
 * The provider error in a parsed response, if it is one: `<error><errorId/><errorMessage/></error>`
 * or `<exception><exceptionId/><exceptionMessage/></exception>` (the two shapes the provider's
 * own client reads), or their JSON mirrors.
 */
export function errorOf(doc: SafeCreativeDocument | undefined): SafeCreativeErrorDetails | undefined {
  if (!doc) return undefined;
  const kind = doc.root === 'error' ? 'error' : doc.root === 'exception' ? 'exception' : undefined;
  if (!kind) return undefined;
  const errorId = field(doc.value, `${kind}Id`) ?? 'Unknown';
  return { errorId, errorMessage: field(doc.value, `${kind}Message`) };
}
