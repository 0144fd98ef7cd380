// Structured Field Values (RFC 8941): the parsing and serialization algorithms of its sections
// 4.1 and 4.2, as far as HTTP Message Signatures needs them: component identifiers and signature
// parameters are serialized with them, and a field covered with `;sf` or `;key` is parsed and
// re-serialized canonically. Parse failures throw `SyntaxError`; callers turn it into their error.

/**
 * A bare item with its type, so that it serializes back exactly (an integer is not a decimal,
 * a token is not a string).
 *
 * @example
 * ```ts
 * const item: BareItem = { type: 'string', value: 'Pet' };
 * ```
 */
export type BareItem =
  | { readonly type: 'integer' | 'decimal'; readonly value: number }
  | { readonly type: 'string' | 'token'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'boolean'; readonly value: boolean };

/**
 * Parameters in order; a bare key is `true`.
 *
 * @example
 * ```ts
 * const params: Parameters = [['name', { type: 'string', value: 'Pet' }]];
 * ```
 */
export type Parameters = readonly (readonly [key: string, value: BareItem])[];

/**
 * An item, or an inner list, each with its parameters.
 *
 * @example
 * ```ts
 * const member: Member = { items: [], params: [] }; // ()
 * ```
 */
export type Member =
  | { readonly item: BareItem; readonly params: Parameters }
  | { readonly items: readonly { item: BareItem; params: Parameters }[]; readonly params: Parameters };

/** The three top-level field types. */
export type FieldType = 'item' | 'list' | 'dictionary';

const KEY = /^[a-z*][a-z0-9_\-.*]*/;
const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/;
const NUMBER = /^-?\d+(\.\d+)?/;

class Parser {
  at = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  get rest(): string {
    return this.text.slice(this.at);
  }
  peek(): string {
    return this.text[this.at] ?? '';
  }
  skip(pattern: RegExp): void {
    while (pattern.test(this.peek()) && this.peek() !== '') this.at++;
  }
  expect(char: string): void {
    if (this.peek() !== char) throw new SyntaxError(`expected "${char}" at ${this.at}`);
    this.at++;
  }
  done(): boolean {
    return this.at >= this.text.length;
  }

  key(): string {
    const match = KEY.exec(this.rest);
    if (!match) throw new SyntaxError(`expected a key at ${this.at}`);
    this.at += match[0].length;
    return match[0];
  }

  bare(): BareItem {
    const c = this.peek();
    if (c === '"') return { type: 'string', value: this.string() };
    if (c === ':') {
      this.at++;
      const end = this.text.indexOf(':', this.at);
      if (end === -1) throw new SyntaxError('unterminated byte sequence');
      const b64 = this.text.slice(this.at, end);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new SyntaxError('invalid byte sequence');
      this.at = end + 1;
      return { type: 'bytes', value: Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)) };
    }
    if (c === '?') {
      this.at++;
      const v = this.peek();
      if (v !== '0' && v !== '1') throw new SyntaxError('invalid boolean');
      this.at++;
      return { type: 'boolean', value: v === '1' };
    }
    const number = NUMBER.exec(this.rest);
    if (number) {
      const [text, fraction] = number;
      const digits = text.replace(/^-/, '').length - (fraction?.length ?? 0);
      if (fraction ? digits > 12 || fraction.length > 4 : digits > 15) {
        throw new SyntaxError('number out of range');
      }
      this.at += text.length;
      return { type: fraction ? 'decimal' : 'integer', value: Number(text) };
    }
    const token = TOKEN.exec(this.rest);
    if (token) {
      this.at += token[0].length;
      return { type: 'token', value: token[0] };
    }
    throw new SyntaxError(`unexpected "${c}" at ${this.at}`);
  }

  string(): string {
    this.expect('"');
    let out = '';
    for (;;) {
      const c = this.text[this.at++];
      if (c === undefined) throw new SyntaxError('unterminated string');
      if (c === '"') return out;
      if (c === '\\') {
        const next = this.text[this.at++];
        if (next !== '"' && next !== '\\') throw new SyntaxError('invalid escape');
        out += next;
      } else if (c < ' ' || c > '~') {
        throw new SyntaxError('non-printable character in string');
      } else {
        out += c;
      }
    }
  }

  params(): Parameters {
    const params = new Map<string, BareItem>();
    while (this.peek() === ';') {
      this.at++;
      this.skip(/ /);
      const key = this.key();
      let value: BareItem = { type: 'boolean', value: true };
      if (this.peek() === '=') {
        this.at++;
        value = this.bare();
      }
      params.set(key, value);
    }
    return [...params];
  }

  member(): Member {
    if (this.peek() !== '(') return { item: this.bare(), params: this.params() };
    this.at++;
    const items: { item: BareItem; params: Parameters }[] = [];
    for (;;) {
      this.skip(/ /);
      if (this.peek() === ')') {
        this.at++;
        return { items, params: this.params() };
      }
      items.push({ item: this.bare(), params: this.params() });
      if (this.peek() !== ' ' && this.peek() !== ')') throw new SyntaxError('invalid inner list');
    }
  }

  /** Between list or dictionary members: optional whitespace, a comma, optional whitespace. */
  separator(): boolean {
    this.skip(/[ \t]/);
    if (this.done()) return false;
    this.expect(',');
    this.skip(/[ \t]/);
    if (this.done()) throw new SyntaxError('trailing comma');
    return true;
  }
}

function parseTop<T>(text: string, read: (parser: Parser) => T): T {
  const parser = new Parser(text);
  parser.skip(/ /);
  const value = read(parser);
  parser.skip(/ /);
  if (!parser.done()) throw new SyntaxError(`unexpected "${parser.peek()}" at ${parser.at}`);
  return value;
}

/**
 * Parses a dictionary field value (RFC 8941 4.2.2); a repeated key keeps its first position and
 * its last value.
 *
 * @example
 * ```ts
 * parseDictionary('a=1, b'); // [['a', { item: { type: 'integer', value: 1 }, params: [] }], ['b', …true…]]
 * ```
 */
export function parseDictionary(text: string): [string, Member][] {
  return parseTop(text, (parser) => {
    const members = new Map<string, Member>();
    if (parser.done()) return [];
    do {
      const key = parser.key();
      if (parser.peek() === '=') {
        parser.at++;
        members.set(key, parser.member());
      } else {
        members.set(key, { item: { type: 'boolean', value: true }, params: parser.params() });
      }
    } while (parser.separator());
    return [...members];
  });
}

/**
 * Parses a list field value (RFC 8941 4.2.1).
 *
 * @example
 * ```ts
 * serializeList(parseList('a,  (b c);x=1')); // 'a, (b c);x=1'
 * ```
 */
export function parseList(text: string): Member[] {
  return parseTop(text, (parser) => {
    const members: Member[] = [];
    if (parser.done()) return members;
    do members.push(parser.member());
    while (parser.separator());
    return members;
  });
}

/**
 * Parses an item field value (RFC 8941 4.2.3).
 *
 * @example
 * ```ts
 * parseItem('"@query-param";name="Pet"'); // { item: { type: 'string', value: '@query-param' }, params: [['name', …]] }
 * ```
 */
export function parseItem(text: string): { item: BareItem; params: Parameters } {
  return parseTop(text, (parser) => ({ item: parser.bare(), params: parser.params() }));
}

/**
 * Parses `text` as `type` and serializes it canonically (RFC 9421 2.1.1, the `sf` parameter).
 *
 * @example
 * ```ts
 * canonicalField('a=1,    b=2;x=1;y=2, c=(a   b   c)', 'dictionary'); // 'a=1, b=2;x=1;y=2, c=(a b c)'
 * ```
 */
export function canonicalField(text: string, type: FieldType): string {
  if (type === 'item') {
    const { item, params } = parseItem(text);
    return serializeMember({ item, params });
  }
  if (type === 'list') return serializeList(parseList(text));
  return serializeDictionary(parseDictionary(text));
}

/**
 * Serializes a bare item (RFC 8941 4.1.3).
 *
 * @example
 * ```ts
 * serializeBare({ type: 'string', value: 'a"b' }); // '"a\\"b"'
 * ```
 */
export function serializeBare(item: BareItem): string {
  switch (item.type) {
    case 'integer':
      if (!Number.isSafeInteger(item.value) || Math.abs(item.value) > 999_999_999_999_999) {
        throw new SyntaxError('integer out of range');
      }
      return String(item.value);
    case 'decimal': {
      const rounded = Math.round(item.value * 1000) / 1000;
      const text = String(rounded);
      return text.includes('.') ? text : `${text}.0`;
    }
    case 'string':
      if (!/^[\x20-\x7e]*$/.test(item.value)) throw new SyntaxError('strings must be printable ASCII');
      return `"${item.value.replace(/[\\"]/g, '\\$&')}"`;
    case 'token':
      if (!TOKEN.test(item.value) || TOKEN.exec(item.value)![0] !== item.value)
        throw new SyntaxError('invalid token');
      return item.value;
    case 'bytes':
      return `:${btoa(String.fromCharCode(...item.value))}:`;
    case 'boolean':
      return item.value ? '?1' : '?0';
  }
}

/**
 * Serializes parameters (RFC 8941 4.1.1.2): `;key` for true, `;key=value` otherwise.
 *
 * @example
 * ```ts
 * serializeParameters([['sf', { type: 'boolean', value: true }]]); // ';sf'
 * ```
 */
export function serializeParameters(params: Parameters): string {
  let out = '';
  for (const [key, value] of params) {
    if (!KEY.test(key) || KEY.exec(key)![0] !== key) throw new SyntaxError(`invalid key "${key}"`);
    out += value.type === 'boolean' && value.value ? `;${key}` : `;${key}=${serializeBare(value)}`;
  }
  return out;
}

/**
 * Serializes an item or an inner list with its parameters.
 *
 * @example
 * ```ts
 * serializeMember({ items: [], params: [] }); // '()'
 * ```
 */
export function serializeMember(member: Member): string {
  if ('item' in member) return serializeBare(member.item) + serializeParameters(member.params);
  const inner = member.items.map((m) => serializeBare(m.item) + serializeParameters(m.params)).join(' ');
  return `(${inner})${serializeParameters(member.params)}`;
}

function serializeList(members: readonly Member[]): string {
  return members.map(serializeMember).join(', ');
}

/**
 * Serializes a dictionary (RFC 8941 4.1.2): a true boolean item shows as its bare key.
 *
 * @example
 * ```ts
 * serializeDictionary([['sig1', { items: [], params: [] }]]); // 'sig1=()'
 * ```
 */
export function serializeDictionary(members: readonly (readonly [string, Member])[]): string {
  return members
    .map(([key, member]) =>
      'item' in member && member.item.type === 'boolean' && member.item.value
        ? key + serializeParameters(member.params)
        : `${key}=${serializeMember(member)}`,
    )
    .join(', ');
}
