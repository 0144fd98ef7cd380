/**
 * Every error authplug throws is an {@link AuthplugError}: `code` is stable across versions and
 * safe to branch on; `message` says what to do. Messages never carry a secret: errors are built
 * from option *names* and provider codes, never from credential values.
 *
 * @example
 * ```ts
 * try { await api.get('user/get.json'); }
 * catch (error) {
 *   if (error instanceof AuthplugError && error.code === 'AUTHPLUG_MISSING_OPTION') { … }
 * }
 * ```
 */
export class AuthplugError extends Error {
  /** Stable machine-readable code, e.g. `AUTHPLUG_MISSING_OPTION`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  /** Only the public fields: a `cause` from a lower layer could hold request data. */
  toJSON(): { name: string; code: string; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/**
 * A required option is missing, empty or of the wrong type (`AUTHPLUG_MISSING_OPTION`).
 * Thrown at construction, or when a store lacks a field.
 *
 * @example
 * ```ts
 * throw new MissingOptionError('@authplug/historypin', 'apiSecret');
 * // "@authplug/historypin: option `apiSecret` is required and must be a non-empty string."
 * ```
 */
export class MissingOptionError extends AuthplugError {
  /** The option's name, e.g. `apiSecret`. */
  readonly option: string;
  constructor(pkg: string, option: string, hint = '') {
    super(
      'AUTHPLUG_MISSING_OPTION',
      `${pkg}: option \`${option}\` is required and must be a non-empty string.${hint ? ` ${hint}` : ''}`,
    );
    this.option = option;
  }
}

/**
 * An option is present but has a value the package cannot use (`AUTHPLUG_INVALID_OPTION`).
 *
 * @example
 * ```ts
 * throw new InvalidOptionError('@authplug/ipernity', 'permissions', 'has an unknown area `photo`.');
 * ```
 */
export class InvalidOptionError extends AuthplugError {
  /** The option's name, e.g. `permissions`. */
  readonly option: string;
  constructor(pkg: string, option: string, message: string) {
    super('AUTHPLUG_INVALID_OPTION', `${pkg}: option \`${option}\` ${message}`);
    this.option = option;
  }
}

/**
 * The request's URL does not have the shape the scheme needs, e.g. no `/api/` segment
 * (`AUTHPLUG_INVALID_URL`). Fix the client's base URL.
 *
 * @example
 * ```ts
 * pathAfter('https://example.org/v1/users', '/api/', 'historypin'); // throws InvalidRequestUrlError
 * ```
 */
export class InvalidRequestUrlError extends AuthplugError {
  constructor(pkg: string, message: string) {
    super('AUTHPLUG_INVALID_URL', `${pkg}: ${message}`);
  }
}

/**
 * The request reached the strategy in a shape it cannot sign: a parameter the scheme needs is
 * missing (Last.fm's `method`), or the body cannot be read (see {@link UnreadableBodyError}, a
 * subclass). Distinct from {@link InvalidRequestUrlError}, which is about the URL's shape
 * (`AUTHPLUG_UNSIGNABLE_REQUEST`). The message says what to add; it never holds a value.
 *
 * @example
 * ```ts
 * throw new UnsignableRequestError('@authplug/lastfm', 'the request has no `method` parameter; add one, e.g. `method=track.love`.');
 * ```
 */
export class UnsignableRequestError extends AuthplugError {
  constructor(pkg: string, message: string, code = 'AUTHPLUG_UNSIGNABLE_REQUEST') {
    super(code, `${pkg}: ${message}`);
  }
}

/**
 * The request body has to be signed but cannot be read without consuming it (a stream).
 * Pass the body as `URLSearchParams`, a string or a plain object instead
 * (`AUTHPLUG_UNREADABLE_BODY`). An {@link UnsignableRequestError}, so one `instanceof` catches
 * every request that cannot be signed.
 *
 * @example
 * ```ts
 * if (error instanceof UnreadableBodyError) { … } // send the form as URLSearchParams
 * ```
 */
export class UnreadableBodyError extends UnsignableRequestError {
  constructor() {
    super(
      'authplug',
      'cannot sign a stream body; pass form data as URLSearchParams, a string or an object.',
      'AUTHPLUG_UNREADABLE_BODY',
    );
  }
}

/**
 * The provider rejected the request; `providerCode` and `providerMessage` are the provider's own.
 * `code` is `AUTHPLUG_PROVIDER_ERROR` unless a subclass names a more precise one.
 *
 * @example
 * ```ts
 * if (error instanceof ProviderError) console.log(error.provider, error.providerCode, error.status);
 * ```
 */
export class ProviderError extends AuthplugError {
  /** The provider's name, e.g. `ipernity`. */
  readonly provider: string;
  /** The provider's own error code, when it sent one. */
  readonly providerCode: string | undefined;
  /** The provider's own error message, when it sent one. */
  readonly providerMessage: string | undefined;
  /** The HTTP status, when known. */
  readonly status: number | undefined;
  constructor(
    provider: string,
    details: {
      code?: string;
      status?: number;
      providerCode?: string;
      providerMessage?: string;
      hint?: string;
    },
  ) {
    const what = [details.providerCode && `code ${details.providerCode}`, details.providerMessage]
      .filter(Boolean)
      .join(': ');
    super(
      details.code ?? 'AUTHPLUG_PROVIDER_ERROR',
      `${provider} rejected the request${what ? ` (${what})` : ''}.${details.hint ? ` ${details.hint}` : ''}`,
    );
    this.provider = provider;
    this.providerCode = details.providerCode;
    this.providerMessage = details.providerMessage;
    this.status = details.status;
  }
}

/**
 * True for any authplug error, also one from another copy of `@authplug/core` (two versions in
 * one dependency tree, another realm): checks the `AUTHPLUG_` code rather than `instanceof`.
 *
 * @example
 * ```ts
 * if (isAuthplugError(error) && error.code === 'AUTHPLUG_CREDENTIALS_NOT_FOUND') { … }
 * ```
 */
export function isAuthplugError(value: unknown): value is AuthplugError {
  if (value instanceof AuthplugError) return true;
  const code = value instanceof Error ? (value as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('AUTHPLUG_');
}
