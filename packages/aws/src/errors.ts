import { AuthplugError, ProviderError } from '@authplug/core';

export const PKG = '@authplug/aws';

/**
 * The request body must be hashed but cannot be read without consuming it (a stream, a
 * FormData) (`AUTHPLUG_UNREADABLE_BODY`).
 *
 * @example
 * ```ts
 * awsSigV4({ region, service: 's3', unsignedPayload: 'streams', credentials }); // streams go out as UNSIGNED-PAYLOAD
 * ```
 */
export class AwsUnreadableBodyError extends AuthplugError {
  constructor() {
    super(
      'AUTHPLUG_UNREADABLE_BODY',
      `${PKG}: the body is a stream (or FormData) and SigV4 signs its SHA-256. Send it as a string, bytes or URLSearchParams, or set \`unsignedPayload: 'streams'\` where the service accepts UNSIGNED-PAYLOAD (S3).`,
    );
  }
}

/**
 * The credentials (a provider function, or the `credentials` object) could not be used: the
 * provider threw, or returned no `accessKeyId` / `secretAccessKey`
 * (`AUTHPLUG_AWS_CREDENTIALS_UNAVAILABLE`). `cause` is the provider's own error, if it threw.
 *
 * @example
 * ```ts
 * if (error instanceof AwsCredentialsError) console.error('check the AWS profile or role');
 * ```
 */
export class AwsCredentialsError extends AuthplugError {
  constructor(problem: string, options?: { cause?: unknown }) {
    super('AUTHPLUG_AWS_CREDENTIALS_UNAVAILABLE', `${PKG}: ${problem}`, options);
  }
}

/**
 * AWS refused the signature (`SignatureDoesNotMatch`, `InvalidSignatureException`,
 * `IncompleteSignature`, an unknown or expired access key or token), or the clock stayed skewed
 * after the one retry (`AUTHPLUG_AWS_SIGNATURE_REJECTED`). `providerCode` is AWS's error code.
 *
 * @example
 * ```ts
 * if (error instanceof AwsSignatureError) console.error(error.providerCode, await auth.explain!(request, { attempt: 0 }));
 * ```
 */
export class AwsSignatureError extends ProviderError {
  constructor(details: { status: number; providerCode?: string; providerMessage?: string; hint: string }) {
    super('AWS', { ...details, code: 'AUTHPLUG_AWS_SIGNATURE_REJECTED' });
  }
}
