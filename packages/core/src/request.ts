/** A name/value pair; order and repeats are significant, so params are lists, never maps. */
export type Param = readonly [name: string, value: string];

/** Case-insensitive header lookup: every adapter provides one over its client's headers. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * The body as a strategy sees it. Only form fields can take part in a signature; other bodies
 * are described so a strategy can decide (e.g. OAuth's `oauth_body_hash`).
 */
export type RequestBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'form'; readonly fields: readonly Param[] }
  | { readonly kind: 'bytes'; readonly contentType: string | undefined; readonly data: string | Uint8Array }
  /** Multipart (FormData) or a stream: sent intact, never read for signing. */
  | { readonly kind: 'opaque'; readonly contentType: string | undefined; readonly stream: boolean };

/**
 * The request model every strategy signs: exactly what goes on the wire.
 * `url` is absolute, with the query as sent and no fragment.
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
 */
export interface Signature {
  readonly query?: readonly Param[];
  readonly form?: readonly Param[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** The response as a strategy's `inspect` sees it. `text()` may be called more than once. */
export interface AuthResponse {
  readonly status: number;
  readonly headers: HeaderReader;
  text(): Promise<string>;
}
