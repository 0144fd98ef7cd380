import {
  type AuthRequest,
  type AuthResponse,
  type AuthStrategy,
  appendQuery,
  type Clock,
  createClock,
  type Explanation,
  explainable,
  formWire,
  hash,
  InvalidOptionError,
  mask,
  type Param,
  RETRY,
  type RequestBody,
  requireString,
  type Signature,
  type SignContext,
  type SkewedClock,
  type Trace,
} from '@authplug/core';
import { credentialSource, isStoreOptions, type StoreOptions } from '@authplug/credentials';
import type { PathRule } from './canonical.ts';
import {
  type AwsCredentialIdentity,
  type AwsCredentialProvider,
  type CachedCredentials,
  cachedProvider,
  fixedCredentials,
} from './credentials.ts';
import { AwsSignatureError, AwsUnreadableBodyError, PKG } from './errors.ts';
import { ALGORITHM, amzDate, EMPTY_HASH, hostOf, type Signed, signer, UNSIGNED_PAYLOAD } from './sigv4.ts';

/**
 * Options every form of {@link awsSigV4} takes.
 *
 * @example
 * ```ts
 * const common: AwsSigV4CommonOptions = { region: 'eu-west-1', service: 'execute-api' };
 * ```
 */
export interface AwsSigV4CommonOptions {
  /** The region signed for, e.g. `us-east-1` (`auto` for Cloudflare R2). */
  region: string;
  /** The signing name of the service, e.g. `s3`, `execute-api`, `es`, `sts`, `lambda`. */
  service: string;
  /** `s3`: no path normalization, no double encoding. Default `s3` when `service` is `s3`, else `generic`. */
  pathRule?: PathRule;
  /** Send (and sign) `X-Amz-Content-Sha256`. Default `true` when `service` is `s3`. */
  contentSha256?: boolean;
  /**
   * `UNSIGNED-PAYLOAD` instead of the body's SHA-256: `true` for every body, `'streams'` only for
   * bodies that cannot be read (streams, FormData). Default `false`: such bodies are refused.
   */
  unsignedPayload?: boolean | 'streams';
  /** More request headers to sign when present (`host`, `content-type`, `content-md5` and the `x-amz-*` the strategy adds always are). */
  signedHeaders?: readonly string[];
  /** Sign `X-Amz-Security-Token` (default), or add it after signing, as a few services (IoT) want. */
  signSessionToken?: boolean;
  /** Milliseconds since the epoch; default `Date.now`. The offset learnt from a skew refusal is added. */
  clock?: Clock;
  /** How long before they expire provider credentials are fetched again. Default 300 000 ms (5 min). */
  refreshBeforeMs?: number;
}

/**
 * `awsSigV4(...)` options: keys (literal, a credentials object or an AWS SDK provider function),
 * or `{ store, profile }` to read `aws/<profile>` = `{ accessKeyId, secretAccessKey, sessionToken? }`.
 *
 * @example
 * ```ts
 * const a: AwsSigV4Options = { region: 'us-east-1', service: 'sts', accessKeyId, secretAccessKey };
 * const b: AwsSigV4Options = { region: 'us-east-1', service: 's3', credentials: fromNodeProviderChain() };
 * const c: AwsSigV4Options = { region: 'us-east-1', service: 'es', store: fileStore(), profile: 'work' };
 * ```
 */
export type AwsSigV4Options = AwsSigV4CommonOptions & AwsCredentialOptions;

/**
 * Where the keys come from: literal options, a `credentials` object or AWS SDK provider
 * function, or `{ store, profile }`.
 *
 * @example
 * ```ts
 * const fromSdk: AwsCredentialOptions = { credentials: fromNodeProviderChain() };
 * ```
 */
export type AwsCredentialOptions =
  | { credentials: AwsCredentialIdentity | AwsCredentialProvider }
  | { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | StoreOptions;

/**
 * `presign` options.
 *
 * @example
 * ```ts
 * const options: PresignOptions = { method: 'PUT', expiresIn: 600 };
 * ```
 */
export interface PresignOptions {
  /** Default `GET`. */
  method?: string;
  /** Seconds the URL stays valid, 1 to 604 800 (7 days). Default 900. */
  expiresIn?: number;
}

/**
 * The strategy, plus presigned URLs from the same signer and the clock it signs with.
 *
 * @example
 * ```ts
 * const auth: AwsSigV4Strategy = awsSigV4({ region, service: 's3', credentials });
 * const url = await auth.presign('https://bucket.s3.amazonaws.com/report.pdf', { expiresIn: 600 });
 * ```
 */
export interface AwsSigV4Strategy extends AuthStrategy {
  explain(request: AuthRequest, context: SignContext): Promise<Explanation>;
  /** A URL anyone can use until it expires: the signature goes in the query (`X-Amz-Signature`). */
  presign(url: string, options?: PresignOptions): Promise<string>;
  /** The clock, with any offset learnt from AWS. */
  readonly clock: SkewedClock;
}

// Headers signed whenever the request has them: the ones every AWS SDK signs and clients set.
const DEFAULT_SIGNED = ['content-type', 'content-md5'];
const SKEW = /RequestTimeTooSkewed|RequestExpired|Signature expired|Signature not yet current/;
const REFUSED = new Set([
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'InvalidAccessKeyId',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthorizationHeaderMalformed',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidToken',
]);
const EXPIRED_TOKEN = new Set(['ExpiredToken', 'ExpiredTokenException']);

function credentialsOf(
  options: AwsSigV4Options,
  clock: SkewedClock,
  refreshBeforeMs: number,
): CachedCredentials {
  if ('credentials' in options && options.credentials !== undefined) {
    const { credentials } = options;
    return typeof credentials === 'function'
      ? cachedProvider(credentials, clock, refreshBeforeMs)
      : fixedCredentials(credentials);
  }
  const source = credentialSource<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>(
    PKG,
    'aws',
    options,
    { required: ['accessKeyId', 'secretAccessKey'], optional: ['sessionToken'] },
  );
  if (!isStoreOptions(options)) return cachedProvider(source, clock, refreshBeforeMs);
  // A store is read on every request, so a rotated key is picked up at once.
  const get = (() => cachedProvider(source, clock, Number.POSITIVE_INFINITY)()) as CachedCredentials;
  get.forget = () => {};
  return get;
}

/**
 * AWS Signature Version 4 in the `Authorization` header: adds `X-Amz-Date`,
 * `X-Amz-Security-Token` (temporary credentials), `X-Amz-Content-Sha256` (S3, or
 * `contentSha256`) and `Authorization`. The payload hash is the SHA-256 of the exact body sent
 * (JSON text, bytes, form). A refusal for a skewed clock teaches the clock from the response's
 * `Date` and the request is signed again and resent once; an expired session token makes the
 * provider fetch fresh credentials, once. Other signature refusals reject with
 * {@link AwsSignatureError}.
 *
 * @example
 * ```ts
 * import axios from 'axios';
 * import { withAuth } from '@authplug/axios';
 * import { awsSigV4 } from '@authplug/aws';
 * import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
 *
 * const api = withAuth(axios.create({ baseURL: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/' }),
 *   awsSigV4({ region: 'eu-west-1', service: 'execute-api', credentials: fromNodeProviderChain() }));
 * await api.post('orders', { item: 'tea' });
 * ```
 */
export function awsSigV4(options: AwsSigV4Options): AwsSigV4Strategy {
  const region = requireString(PKG, options, 'region', 'e.g. `us-east-1`.');
  const service = requireString(PKG, options, 'service', 'the signing name, e.g. `s3`, `execute-api`, `es`.');
  const isS3 = service === 's3';
  const pathRule = options.pathRule ?? (isS3 ? 's3' : 'generic');
  if (pathRule !== 'generic' && pathRule !== 's3') {
    throw new InvalidOptionError(PKG, 'pathRule', "must be 'generic' or 's3'.");
  }
  const contentSha256 = options.contentSha256 ?? isS3;
  const unsigned = options.unsignedPayload ?? false;
  const signSessionToken = options.signSessionToken ?? true;
  const extraSigned = (options.signedHeaders ?? []).map((name) => name.toLowerCase());
  const requestSigned = [...new Set([...DEFAULT_SIGNED, ...extraSigned])].filter((n) => n !== 'host');
  const clock = createClock(options.clock);
  const credentials = credentialsOf(options, clock, options.refreshBeforeMs ?? 300_000);
  const sign = signer(region, service, pathRule);

  async function payloadHash(request: AuthRequest): Promise<string> {
    const given = request.headers.get('x-amz-content-sha256');
    if (given) return given;
    if (unsigned === true) return UNSIGNED_PAYLOAD;
    return bodyHash(request.body, unsigned === 'streams');
  }

  async function run(request: AuthRequest, _context: SignContext, trace?: Trace): Promise<Signature> {
    const payload = await payloadHash(request);
    const creds = await credentials();
    const date = amzDate(clock.now());
    const headers = new Map<string, string>([['host', hostOf(request.url, request.headers)]]);
    for (const name of requestSigned) {
      const value = request.headers.get(name);
      if (value !== undefined && value !== null) headers.set(name, value);
    }
    const added: Record<string, string> = { 'x-amz-date': date };
    if (contentSha256 || payload === UNSIGNED_PAYLOAD) added['x-amz-content-sha256'] = payload;
    if (creds.sessionToken && signSessionToken) added['x-amz-security-token'] = creds.sessionToken;
    for (const [name, value] of Object.entries(added)) headers.set(name, value);
    const signed = await sign({
      method: request.method.toUpperCase(),
      url: request.url,
      headers,
      payloadHash: payload,
      date,
      credentials: creds,
    });
    added.authorization = `${ALGORITHM} Credential=${creds.accessKeyId}/${signed.scope}, SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`;
    if (creds.sessionToken && !signSessionToken) added['x-amz-security-token'] = creds.sessionToken;
    if (!trace) return { headers: added };
    trace(step(signed, creds.sessionToken, 'header Authorization'));
    const token = added['x-amz-security-token'];
    return { headers: token ? { ...added, 'x-amz-security-token': '‹sessionToken›' } : added };
  }

  async function presign(url: string, presignOptions: PresignOptions = {}): Promise<string> {
    const expiresIn = presignOptions.expiresIn ?? 900;
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 604_800) {
      throw new InvalidOptionError(
        PKG,
        'expiresIn',
        'must be a whole number of seconds from 1 to 604800 (7 days).',
      );
    }
    const creds = await credentials();
    const date = amzDate(clock.now());
    const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
    const query: Param[] = [
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Credential', `${creds.accessKeyId}/${scope}`],
      ['X-Amz-Date', date],
      ['X-Amz-Expires', String(expiresIn)],
      ['X-Amz-SignedHeaders', 'host'],
    ];
    if (creds.sessionToken) query.push(['X-Amz-Security-Token', creds.sessionToken]);
    const unsignedUrl = appendQuery(url, query);
    const signed = await sign({
      method: (presignOptions.method ?? 'GET').toUpperCase(),
      url: unsignedUrl,
      headers: new Map([['host', hostOf(url)]]),
      // A presigned URL is made before any body exists: S3 takes UNSIGNED-PAYLOAD, the others
      // (API Gateway, RDS IAM tokens…) the hash of no body.
      payloadHash: contentSha256 || unsigned === true ? UNSIGNED_PAYLOAD : EMPTY_HASH,
      date,
      credentials: creds,
    });
    return appendQuery(unsignedUrl, [['X-Amz-Signature', signed.signature]]);
  }

  async function inspect(
    response: AuthResponse,
    _request: AuthRequest,
    context: SignContext,
  ): Promise<typeof RETRY | undefined> {
    const { status } = response;
    if (status !== 400 && status !== 401 && status !== 403) return undefined;
    const { code, message } = awsErrorOf(await response.text(), response.headers.get('x-amzn-errortype'));
    const detail = `${code ?? ''} ${message ?? ''}`;
    if (SKEW.test(detail)) {
      if (context.attempt === 0 && clock.learn(response.headers.get('date'))) return RETRY;
      throw new AwsSignatureError({
        status,
        providerCode: code,
        providerMessage: message,
        hint: 'The local clock is too far from AWS time and the Date header did not fix it: sync the clock (NTP).',
      });
    }
    if (code === undefined || !REFUSED.has(code)) return undefined;
    if (EXPIRED_TOKEN.has(code) && context.attempt === 0) {
      credentials.forget();
      return RETRY;
    }
    throw new AwsSignatureError({
      status,
      providerCode: code,
      providerMessage: message,
      hint: 'Check the keys, the region and the service name; `explain` shows the canonical request to compare with the one AWS reports.',
    });
  }

  return { ...explainable('aws', run), presign, inspect, clock };
}

/**
 * {@link awsSigV4} for Amazon S3 and S3-compatible stores (MinIO, Cloudflare R2, …): service
 * `s3`, S3's path rule and `X-Amz-Content-Sha256` on every request.
 *
 * @example
 * ```ts
 * const auth = s3({ region: 'auto', credentials: { accessKeyId, secretAccessKey } });   // R2
 * const api = withAuth(got.extend({ prefixUrl: `https://${account}.r2.cloudflarestorage.com/bucket/` }), auth);
 * await api.put('notes/today.txt', { body: 'hello' });
 * ```
 */
export function s3(
  options: Omit<AwsSigV4CommonOptions, 'service'> & { service?: string } & AwsCredentialOptions,
): AwsSigV4Strategy {
  return awsSigV4({
    pathRule: 's3',
    contentSha256: true,
    ...options,
    service: options.service ?? 's3',
  } as AwsSigV4Options);
}

function step(signed: Signed, sessionToken: string | undefined, placement: string): Parameters<Trace>[0] {
  const query = signed.canonicalRequest.split('\n')[2] ?? '';
  const params =
    query === ''
      ? []
      : query.split('&').map((pair): Param => {
          const eq = pair.indexOf('=');
          return [pair.slice(0, eq), pair.slice(eq + 1)];
        });
  return {
    algorithm: ALGORITHM,
    params,
    // AWS's own SignatureDoesNotMatch answer shows these two: compare them line by line.
    base: mask(`${signed.canonicalRequest}\n\n${signed.stringToSign}`, sessionToken, 'sessionToken'),
    key: 'secretAccessKey',
    signature: signed.signature,
    placement,
  };
}

async function bodyHash(body: RequestBody, unsignedStreams: boolean): Promise<string> {
  switch (body.kind) {
    case 'none':
      return EMPTY_HASH;
    case 'bytes':
      return hash('sha256', body.data);
    case 'form':
      return hash('sha256', formWire(body));
    default:
      if (unsignedStreams) return UNSIGNED_PAYLOAD;
      throw new AwsUnreadableBodyError();
  }
}

function awsErrorOf(text: string, errorType: string | null | undefined): { code?: string; message?: string } {
  let code = errorType ? errorType.split(':')[0] : undefined;
  let message: string | undefined;
  const xmlCode = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  if (xmlCode) {
    code = xmlCode;
    message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  } else if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const type = json.__type ?? json.code ?? json.Code;
      if (typeof type === 'string') code = type.slice(type.lastIndexOf('#') + 1);
      const m = json.message ?? json.Message;
      if (typeof m === 'string') message = m;
    } catch {
      // Not JSON after all: no code to read.
    }
  }
  return { code, message };
}
