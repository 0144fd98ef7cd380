/**
 * A name/value pair; order and repeats are significant, so params are lists, never maps.
 *
 * @example
 * ```ts
 * const params: Param[] = [['tag', 'a'], ['tag', 'b']];
 * ```
 */
export type Param = readonly [name: string, value: string];

/**
 * Case-insensitive header lookup: every adapter provides one over its client's headers
 * (a Fetch `Headers` object is one).
 *
 * @example
 * ```ts
 * const headers: HeaderReader = new Headers({ 'Content-Type': 'text/plain' });
 * headers.get('content-type'); // 'text/plain'
 * ```
 */
export interface HeaderReader {
  /** The header's value, whatever the case of `name`; `null` or `undefined` when absent. */
  get(name: string): string | null | undefined;
}

/**
 * The body as a strategy sees it. Only form fields can take part in a signature; other bodies
 * are described so a strategy can decide (e.g. OAuth's `oauth_body_hash`). Build one with
 * {@link toBody}.
 *
 * @example
 * ```ts
 * const body: RequestBody = { kind: 'form', fields: [['doc_id', '1234']] };
 * ```
 */
export type RequestBody =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'form';
      readonly fields: readonly Param[];
      /**
       * The form exactly as the client sends it, when the adapter had it as text or bytes (a
       * hand-written `a=1&b=x%20y` is not what re-serializing its fields gives). Absent for a
       * `URLSearchParams` object, which clients send as its `toString()`. For schemes that hash
       * the body (AWS SigV4, `Content-Digest`).
       */
      readonly raw?: string | Uint8Array;
    }
  | { readonly kind: 'bytes'; readonly contentType: string | undefined; readonly data: string | Uint8Array }
  /** Multipart (FormData) or a stream: sent intact, never read for signing. */
  | { readonly kind: 'opaque'; readonly contentType: string | undefined; readonly stream: boolean };

/**
 * The request model every strategy signs: exactly what goes on the wire.
 * `url` is absolute, with the query as sent and no fragment.
 *
 * @example
 * ```ts
 * const request: AuthRequest = {
 *   method: 'GET',
 *   url: 'https://www.historypin.org/en/api/user/get_edit.json?id=19',
 *   headers: new Headers(),
 *   body: { kind: 'none' },
 * };
 * ```
 */
export interface AuthRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderReader;
  readonly body: RequestBody;
}

/**
 * What a strategy adds to a request. Adapters apply it: `query` pairs are appended to the URL,
 * `form` pairs to the form body, `headers` are set (replacing any value of the same name).
 *
 * @example
 * ```ts
 * const signature: Signature = { query: [['api_key', 'k'], ['api_token', 'f00d…']] };
 * ```
 */
export interface Signature {
  readonly query?: readonly Param[];
  readonly form?: readonly Param[];
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The response as a strategy's `inspect` sees it. `text()` may be called more than once.
 *
 * @example
 * ```ts
 * const response: AuthResponse = { status: 200, headers: new Headers(), text: async () => '{"ok":true}' };
 * ```
 */
export interface AuthResponse {
  readonly status: number;
  readonly headers: HeaderReader;
  /** The body as text; may be called more than once. */
  text(): Promise<string>;
}
