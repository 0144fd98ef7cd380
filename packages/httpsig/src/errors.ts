import { AuthplugError, UnreadableBodyError as CoreUnreadableBodyError } from '@authplug/core';

export const PKG = '@authplug/httpsig';

/**
 * A covered component has no value in this request: a header that is not set, a query
 * parameter that is not there, a dictionary key the field lacks (`AUTHPLUG_MISSING_COMPONENT`).
 * The request is not sent. Set the header, or stop covering the component.
 *
 * @example
 * ```ts
 * if (error instanceof MissingComponentError) console.error(error.component); // '"x-request-id"'
 * ```
 */
export class MissingComponentError extends AuthplugError {
  /** The component identifier as it appears in `Signature-Input`, e.g. `"x-request-id"`. */
  readonly component: string;
  constructor(component: string, why: string) {
    super(
      'AUTHPLUG_MISSING_COMPONENT',
      `${PKG}: the covered component ${component} ${why}; set it on the request or remove it from \`components\`.`,
    );
    this.component = component;
  }
}

/**
 * A covered field cannot be read the way its identifier asks: `;sf` or `;key` on a value that is
 * not a valid structured field, or a query parameter that occurs more than once
 * (`AUTHPLUG_INVALID_COMPONENT`).
 *
 * @example
 * ```ts
 * if (error instanceof InvalidComponentError) console.error(error.component);
 * ```
 */
export class InvalidComponentError extends AuthplugError {
  /** The component identifier as it appears in `Signature-Input`. */
  readonly component: string;
  constructor(component: string, why: string) {
    super('AUTHPLUG_INVALID_COMPONENT', `${PKG}: the covered component ${component} ${why}`);
    this.component = component;
  }
}

/**
 * `content-digest` (or cavage's `digest`) is covered but the body is a stream or multipart
 * form data, whose bytes cannot be read before they are sent (`AUTHPLUG_UNREADABLE_BODY`, an
 * `UnreadableBodyError` of `@authplug/core`).
 *
 * @example
 * ```ts
 * if (error instanceof BodyNotDigestibleError) { … } // send the body as a string, bytes or JSON
 * ```
 */
export class BodyNotDigestibleError extends CoreUnreadableBodyError {
  constructor() {
    super();
    this.message = `${PKG}: cannot compute the body digest of a stream or multipart body; send the body as a string, bytes, JSON or URLSearchParams, or stop covering the digest.`;
  }
}
