import { createHash, createHmac } from 'node:crypto';
import { type Emulator, type EmulatorMountOptions, normalizeBasePath } from '../emulator.ts';
import { safeEqual } from '../params.ts';

// An AWS endpoint that checks Signature Version 4 the way AWS documents it, written from the
// specification with node:crypto alone (it shares no code with @authplug/aws, so it is an
// independent check of it). Behind it, a tiny object store: PUT keeps a body, GET returns it.

/**
 * A key pair the emulator accepts; `sessionToken` makes it a temporary one (the token must then
 * be sent as `X-Amz-Security-Token`).
 *
 * @example
 * ```ts
 * const account: AwsAccount = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '…' };
 * ```
 */
export interface AwsAccount {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The seeded account: the example credentials of AWS's own documentation and test suite.
 *
 * @example
 * ```ts
 * const auth = s3({ region: 'us-east-1', credentials: AWS_TEST_ACCOUNT });
 * ```
 */
export const AWS_TEST_ACCOUNT: AwsAccount = Object.freeze({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
});

/**
 * `awsEmulator` options.
 *
 * @example
 * ```ts
 * const options: AwsEmulatorOptions = { regions: ['auto'], clock: () => Date.now() + 3_600_000 };
 * ```
 */
export interface AwsEmulatorOptions extends EmulatorMountOptions {
  readonly accounts?: readonly AwsAccount[];
  /** Regions signatures may be scoped to. Default `['us-east-1']`. */
  readonly regions?: readonly string[];
  /** Services signatures may be scoped to. Default `s3`, `sts`, `execute-api`, `es`. */
  readonly services?: readonly string[];
  /** The emulator's time (ms); set it off `Date.now` to have clients meet a skewed clock. */
  readonly clock?: () => number;
}

/**
 * The emulator, with the objects PUT into it (path → bytes) and the requests it verified.
 *
 * @example
 * ```ts
 * const emulator: AwsEmulator = awsEmulator();
 * emulator.verified.length; // requests that passed
 * ```
 */
export interface AwsEmulator extends Emulator {
  readonly accounts: readonly AwsAccount[];
  readonly objects: Map<string, Uint8Array>;
  readonly verified: { method: string; path: string; service: string; presigned: boolean }[];
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SKEW_MS = 15 * 60_000;
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
// RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes.
const uriEncode = (text: string) =>
  Array.from(new TextEncoder().encode(text), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
const decode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

interface Failure {
  status: number;
  code: string;
  message: string;
  canonicalRequest?: string;
  stringToSign?: string;
}

/**
 * Emulates SigV4 verification as AWS does it, for header-signed requests (`Authorization:
 * AWS4-HMAC-SHA256 …`) and presigned URLs (`X-Amz-Signature` in the query): a known access key,
 * a credential scope matching `X-Amz-Date`, a region and service it serves, a time within 15
 * minutes of its clock (else `RequestTimeTooSkewed` with its `Date`), a presigned URL not
 * expired, the session token of temporary credentials, `X-Amz-Content-Sha256` equal to the body's
 * hash when sent, and the signature over the canonical request (S3: path not normalized, encoded
 * once; other services: normalized, encoded twice). S3 errors are XML, others JSON, and carry the
 * canonical request and string to sign AWS would report.
 *
 * @example
 * ```ts
 * const emulator = awsEmulator();
 * const server = await serveFetch(emulator.fetch);
 * const auth = s3({ region: 'us-east-1', credentials: AWS_TEST_ACCOUNT });
 * await withAuth(got.extend({ prefixUrl: `${server.url}/bucket/` }), auth).put('a.txt', { body: 'hi' });
 * ```
 */
export function awsEmulator(options: AwsEmulatorOptions = {}): AwsEmulator {
  const accounts = options.accounts ?? [AWS_TEST_ACCOUNT];
  const regions = options.regions ?? ['us-east-1'];
  const services = options.services ?? ['s3', 'sts', 'execute-api', 'es'];
  const clock = options.clock ?? Date.now;
  const basePath = normalizeBasePath(options.basePath);
  const objects = new Map<string, Uint8Array>();
  const verified: AwsEmulator['verified'] = [];

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    // The path exactly as received (URL.pathname would re-encode it).
    const rawPath =
      request.url.slice(request.url.indexOf('/', request.url.indexOf('//') + 2)).split(/[?#]/)[0] || '/';
    const body = new Uint8Array(await request.arrayBuffer());
    const result = verify(request, url, rawPath, body);
    const now = new Date(clock()).toUTCString();
    if ('status' in result)
      return failure(
        result,
        now,
        url.searchParams.get('X-Amz-Credential') ?? request.headers.get('authorization') ?? '',
      );
    verified.push({
      method: request.method,
      path: rawPath,
      service: result.service,
      presigned: result.presigned,
    });
    const key = decode(rawPath.slice(basePath.length));
    if (result.service === 's3' && request.method === 'PUT') {
      objects.set(key, body);
      return new Response(null, {
        status: 200,
        headers: { date: now, etag: `"${sha256(body).slice(0, 32)}"` },
      });
    }
    if (result.service === 's3' && request.method === 'GET' && objects.has(key)) {
      return new Response(objects.get(key) as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { date: now },
      });
    }
    return Response.json(
      {
        ok: true,
        accessKeyId: result.accessKeyId,
        service: result.service,
        method: request.method,
        path: rawPath,
        bodyLength: body.length,
      },
      { headers: { date: now } },
    );
  }

  function verify(
    request: Request,
    url: URL,
    rawPath: string,
    body: Uint8Array,
  ): Failure | { service: string; accessKeyId: string; presigned: boolean } {
    const query = [...url.searchParams];
    const presigned = url.searchParams.has('X-Amz-Signature');
    let credential: string;
    let signedHeaders: string;
    let signature: string;
    let date: string;
    if (presigned) {
      const get = (name: string) => url.searchParams.get(name) ?? '';
      if (get('X-Amz-Algorithm') !== ALGORITHM)
        return fail(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm must be AWS4-HMAC-SHA256.');
      credential = get('X-Amz-Credential');
      signedHeaders = get('X-Amz-SignedHeaders');
      signature = get('X-Amz-Signature');
      date = get('X-Amz-Date');
    } else {
      const authorization = request.headers.get('authorization');
      if (!authorization)
        return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
      const match =
        /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
          authorization,
        );
      if (!match)
        return fail(
          400,
          'IncompleteSignature',
          'The Authorization header is not a well-formed AWS4-HMAC-SHA256 header.',
        );
      [, credential, signedHeaders, signature] = match as unknown as [string, string, string, string];
      date = request.headers.get('x-amz-date') ?? '';
    }
    const [accessKeyId, day, region, service, terminator] = credential.split('/');
    const account = accounts.find((a) => a.accessKeyId === accessKeyId);
    if (!account)
      return fail(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    const time = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
    if (!time) return fail(403, 'AccessDenied', 'X-Amz-Date is missing or not in the form YYYYMMDDTHHMMSSZ.');
    if (day !== date.slice(0, 8) || terminator !== 'aws4_request' || !region || !service) {
      return fail(
        403,
        'AuthorizationHeaderMalformed',
        `The credential scope ${credential.split('/').slice(1).join('/')} does not match the date ${date}.`,
      );
    }
    if (!regions.includes(region))
      return fail(
        400,
        'AuthorizationHeaderMalformed',
        `The region '${region}' is wrong; expecting '${regions[0]}'.`,
      );
    if (!services.includes(service))
      return fail(400, 'AuthorizationHeaderMalformed', `The service '${service}' is not served here.`);
    const ms = Date.UTC(+time[1]!, +time[2]! - 1, +time[3]!, +time[4]!, +time[5]!, +time[6]!);
    const now = clock();
    if (presigned) {
      const expires = Number(url.searchParams.get('X-Amz-Expires'));
      if (!Number.isInteger(expires) || expires < 1 || expires > 604_800)
        return fail(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be 1 to 604800.');
      if (now > ms + expires * 1000) return fail(403, 'AccessDenied', 'Request has expired');
      if (ms - now > SKEW_MS) return skewed(service, date, now);
    } else if (Math.abs(now - ms) > SKEW_MS) {
      return skewed(service, date, now);
    }
    const names = signedHeaders.split(';');
    if (!names.includes('host') || (!presigned && !names.includes('x-amz-date'))) {
      return fail(403, 'AccessDenied', 'SignedHeaders must include host (and x-amz-date).');
    }
    const token = presigned
      ? url.searchParams.get('X-Amz-Security-Token')
      : request.headers.get('x-amz-security-token');
    if (account.sessionToken !== undefined ? token !== account.sessionToken : token !== null) {
      return fail(
        403,
        service === 's3' ? 'InvalidToken' : 'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    let payloadHash = sha256(body);
    const declared = request.headers.get('x-amz-content-sha256');
    if (declared !== null) {
      if (declared !== 'UNSIGNED-PAYLOAD' && declared !== payloadHash) {
        return fail(
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        );
      }
      payloadHash = declared;
    } else if (presigned && service === 's3') {
      payloadHash = 'UNSIGNED-PAYLOAD';
    } else if (service === 's3' && !presigned) {
      return fail(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    }

    const canonicalHeaders = names
      .map((name) => {
        const value =
          name === 'host' ? (request.headers.get('host') ?? url.host) : (request.headers.get(name) ?? '');
        return `${name}:${value.replace(/\s+/g, ' ').trim()}\n`;
      })
      .join('');
    const canonicalQuery = query
      .filter(([name]) => name !== 'X-Amz-Signature')
      .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
      .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    const canonicalRequest = [
      request.method,
      canonicalUri(rawPath, service === 's3'),
      canonicalQuery,
      canonicalHeaders,
      signedHeaders,
      payloadHash,
    ].join('\n');
    const scope = `${day}/${region}/${service}/aws4_request`;
    const stringToSign = `${ALGORITHM}\n${date}\n${scope}\n${sha256(canonicalRequest)}`;
    let key: Buffer = createHmac('sha256', `AWS4${account.secretAccessKey}`).update(day).digest();
    for (const part of [region, service, 'aws4_request'])
      key = createHmac('sha256', key).update(part).digest();
    const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
    if (!safeEqual(expected, signature)) {
      return {
        status: 403,
        code: service === 's3' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
        message:
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        canonicalRequest,
        stringToSign,
      };
    }
    return { service, accessKeyId: account.accessKeyId, presigned };

    function fail(status: number, code: string, message: string): Failure {
      return { status, code, message };
    }
  }

  function skewed(service: string, date: string, now: number): Failure {
    const server = new Date(now).toISOString().replace(/[-:]|\.\d{3}/g, '');
    return service === 's3'
      ? {
          status: 403,
          code: 'RequestTimeTooSkewed',
          message: 'The difference between the request time and the current time is too large.',
        }
      : {
          status: 403,
          code: 'InvalidSignatureException',
          message: `Signature expired: ${date} is now earlier than ${server} (${server} - 15 min.)`,
        };
  }

  // S3: each segment of the decoded path encoded once, nothing removed. Others: dot and empty
  // segments removed, then each segment as received encoded once more.
  function canonicalUri(rawPath: string, s3: boolean): string {
    if (s3)
      return rawPath
        .split('/')
        .map((segment) => uriEncode(decode(segment)))
        .join('/');
    const out: string[] = [];
    for (const segment of rawPath.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') out.pop();
      else out.push(uriEncode(segment));
    }
    return `/${out.join('/')}${out.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  }

  function failure(f: Failure, date: string, credentialHint: string): Response {
    const s3 = /\/s3\/aws4_request/.test(credentialHint) || credentialHint.includes('%2Fs3%2F');
    if (s3) {
      const xml = (tag: string, value: string | undefined) =>
        value === undefined ? '' : `<${tag}>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${tag}>`;
      return new Response(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${xml('Code', f.code)}${xml('Message', f.message)}${xml('CanonicalRequest', f.canonicalRequest)}${xml('StringToSign', f.stringToSign)}</Error>`,
        { status: f.status, headers: { 'content-type': 'application/xml', date } },
      );
    }
    return Response.json(
      {
        __type: f.code,
        message: f.message,
        canonicalRequest: f.canonicalRequest,
        stringToSign: f.stringToSign,
      },
      { status: f.status, headers: { 'x-amzn-errortype': f.code, date } },
    );
  }

  return {
    name: 'aws',
    origins: [
      'https://s3.us-east-1.amazonaws.com',
      'https://sts.us-east-1.amazonaws.com',
      'https://abc123.execute-api.us-east-1.amazonaws.com',
    ],
    basePath,
    accounts,
    objects,
    verified,
    fetch: handle,
  };
}
