import { InvalidOptionError, percentEncode } from '@authplug/core';
import { InvalidComponentError, MissingComponentError, PKG } from './errors.ts';
import {
  canonicalField,
  type FieldType,
  type Parameters,
  parseDictionary,
  parseItem,
  serializeBare,
  serializeMember,
  serializeParameters,
} from './structured.ts';

/**
 * A covered component: its name (`@method`, `content-type`), its parameters, and its identifier
 * as serialized in `Signature-Input` and the signature base.
 *
 * @example
 * ```ts
 * parseComponent('@query-param;name="Pet"').id; // '"@query-param";name="Pet"'
 * ```
 */
export interface Component {
  readonly name: string;
  readonly params: Parameters;
  readonly id: string;
}

/**
 * What a component's value is read from. `header` returns `undefined` for an absent field.
 *
 * @example
 * ```ts
 * const source: ComponentSource = { method: 'GET', url: new URL('https://example.com/'), header: () => undefined };
 * ```
 */
export interface ComponentSource {
  readonly method: string;
  readonly url: URL;
  /** The field's value (repeated fields joined with `, `), or `undefined` when absent. */
  header(name: string): string | undefined;
}

const DERIVED = new Set([
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@request-target',
  '@path',
  '@query',
  '@query-param',
]);
const RESPONSE_ONLY = new Set(['@status']);

/**
 * Fields whose type is known for `;sf` (RFC 9421, RFC 9530, RFC 8941 users); others are named in
 * the `structuredFields` option.
 */
export const KNOWN_STRUCTURED_FIELDS: Readonly<Record<string, FieldType>> = {
  'accept-signature': 'dictionary',
  'cache-status': 'list',
  'cdn-cache-control': 'dictionary',
  'content-digest': 'dictionary',
  priority: 'dictionary',
  'proxy-status': 'list',
  'repr-digest': 'dictionary',
  signature: 'dictionary',
  'signature-input': 'dictionary',
  'want-content-digest': 'dictionary',
  'want-repr-digest': 'dictionary',
};

const invalid = (spec: string, message: string) =>
  new InvalidOptionError(PKG, 'components', `has ${JSON.stringify(spec)}: ${message}`);

/**
 * Parses a component as written in the options: `'@method'`, `'content-type'`,
 * `'@query-param;name="Pet"'`, `'example-dict;key="a"'`, `'example-dict;sf'`, `'x-data;bs'`
 * (the name may also be quoted, as in `Signature-Input`). Field names are lower-cased.
 * Parameters that only apply to responses (`req`, `tr`, `@status`) are refused.
 *
 * @example
 * ```ts
 * parseComponent('Content-Type').id; // '"content-type"'
 * ```
 */
export function parseComponent(spec: string): Component {
  if (typeof spec !== 'string' || spec.trim() === '')
    throw invalid(String(spec), 'a component must be a non-empty string.');
  const text = spec.trim();
  const quoted = text.startsWith('"')
    ? text
    : `"${text.replace(/;.*$/s, '')}"${text.slice(text.replace(/;.*$/s, '').length)}`;
  let parsed: ReturnType<typeof parseItem>;
  try {
    parsed = parseItem(quoted);
  } catch {
    throw invalid(spec, 'write it as a name with optional parameters, e.g. `@query-param;name="id"`.');
  }
  if (parsed.item.type !== 'string') throw invalid(spec, 'the name must be a string.');
  const raw = parsed.item.value;
  const name = raw.startsWith('@') ? raw : raw.toLowerCase();
  const params = parsed.params;
  const keys = params.map(([k]) => k);
  if (keys.includes('req') || keys.includes('tr') || RESPONSE_ONLY.has(name)) {
    throw invalid(spec, 'it applies to response signatures only; a request signature cannot cover it.');
  }
  if (name === '@signature-params') throw invalid(spec, '`@signature-params` is added by the signer itself.');
  if (name.startsWith('@')) {
    if (!DERIVED.has(name))
      throw invalid(spec, `unknown derived component; use one of ${[...DERIVED].join(', ')}.`);
    if (name === '@query-param') {
      const param = params.find(([k]) => k === 'name')?.[1];
      if (params.length !== 1 || param?.type !== 'string') {
        throw invalid(spec, '`@query-param` takes exactly one parameter, `name="…"`.');
      }
    } else if (params.length) {
      throw invalid(spec, `\`${name}\` takes no parameters.`);
    }
  } else {
    if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name)) throw invalid(spec, 'not a valid header field name.');
    for (const [key, value] of params) {
      if (key === 'sf' || key === 'bs') {
        if (value.type !== 'boolean' || !value.value)
          throw invalid(spec, `\`${key}\` is a flag: write \`;${key}\`.`);
      } else if (key === 'key') {
        if (value.type !== 'string') throw invalid(spec, '`key` takes a string, e.g. `;key="a"`.');
      } else {
        throw invalid(spec, `unknown parameter \`${key}\`; fields take \`sf\`, \`key\` or \`bs\`.`);
      }
    }
    if (keys.includes('bs') && (keys.includes('sf') || keys.includes('key'))) {
      throw invalid(spec, '`bs` cannot be combined with `sf` or `key`.');
    }
  }
  return { name, params, id: serializeBare({ type: 'string', value: name }) + serializeParameters(params) };
}

/**
 * The value a component contributes to the signature base (RFC 9421 2.1 and 2.2).
 *
 * @example
 * ```ts
 * componentValue(parseComponent('@authority'), { method: 'GET', url: new URL('https://Example.com:443/'), header: () => undefined }); // 'example.com'
 * ```
 */
export function componentValue(
  component: Component,
  source: ComponentSource,
  structured: Readonly<Record<string, FieldType>> = {},
): string {
  const { name, params, id } = component;
  const { url } = source;
  switch (name) {
    case '@method':
      return source.method;
    case '@target-uri':
      return url.href;
    case '@authority':
      return url.host;
    case '@scheme':
      return url.protocol.slice(0, -1);
    case '@request-target':
      return url.pathname + url.search;
    case '@path':
      return url.pathname || '/';
    case '@query':
      return url.search || '?';
    case '@query-param': {
      const wanted = (params[0]![1] as { value: string }).value;
      const values = [...new URLSearchParams(url.search)].filter(([k]) => formEncode(k) === wanted);
      if (values.length === 0) throw new MissingComponentError(id, 'is not in the query');
      if (values.length > 1) {
        throw new InvalidComponentError(
          id,
          'occurs more than once in the query; cover `@query` instead (RFC 9421 2.2.8).',
        );
      }
      return formEncode(values[0]![1]);
    }
  }
  const raw = source.header(name);
  if (raw === undefined) throw new MissingComponentError(id, 'is not a header of this request');
  const value = raw.trim().replace(/\s*\r?\n\s*/g, ' ');
  const key = params.find(([k]) => k === 'key')?.[1];
  const flags = new Set(params.map(([k]) => k));
  if (flags.has('bs')) {
    // Header values are byte strings; a reader that hands back wider characters gets UTF-8.
    const bytes = [...value].some((c) => c.charCodeAt(0) > 0xff)
      ? String.fromCharCode(...new TextEncoder().encode(value))
      : value;
    return `:${btoa(bytes)}:`;
  }
  if (key) {
    let members: ReturnType<typeof parseDictionary>;
    try {
      members = parseDictionary(value);
    } catch {
      throw new InvalidComponentError(id, 'is not a structured dictionary, so `key` cannot select from it.');
    }
    const member = members.find(([k]) => k === (key as { value: string }).value)?.[1];
    if (!member) throw new MissingComponentError(id, 'has no such dictionary key');
    return serializeMember(member);
  }
  if (flags.has('sf')) {
    const type = structured[name] ?? KNOWN_STRUCTURED_FIELDS[name];
    if (!type) {
      throw new InvalidComponentError(
        id,
        `has no known structured type; name it in the \`structuredFields\` option, e.g. { '${name}': 'dictionary' }.`,
      );
    }
    try {
      return canonicalField(value, type);
    } catch {
      throw new InvalidComponentError(id, `is not a valid structured ${type}.`);
    }
  }
  return value;
}

// RFC 9421 2.2.8: query parameter names and values are re-encoded with the URL standard's
// application/x-www-form-urlencoded percent-encode set (space as %20), which leaves `*` alone and
// encodes `~`; core's encoder is RFC 3986's, which does the opposite for those two.
function formEncode(value: string): string {
  return percentEncode(value).replace(/~/g, '%7E').replace(/%2A/g, '*');
}
