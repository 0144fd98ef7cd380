export { addParams, type ParamAdditions } from './add-params.ts';
export { type ApiSigQuirks, type ApiSigScheme, apiSigScheme } from './api-sig.ts';
export { canonicalBaseUrl } from './base-url.ts';
export { formWire, textBody, toBody } from './body.ts';
export { type Clock, createClock, type SkewedClock } from './clock.ts';
export {
  type DigestEncoding,
  type Digests,
  digests,
  type HashAlgorithm,
  type HmacAlgorithm,
  hash,
  hmac,
  nodeDigests,
  rsaSha1,
  webDigests,
} from './digest.ts';
export { percentEncode } from './encode.ts';
export {
  AuthplugError,
  InvalidOptionError,
  InvalidRequestUrlError,
  isAuthplugError,
  MissingOptionError,
  ProviderError,
  UnreadableBodyError,
  UnsignableRequestError,
} from './errors.ts';
export {
  type ExplainStep,
  type Explanation,
  explainable,
  mask,
  type Trace,
  type TracedSign,
} from './explain.ts';
export { type KeyedHmac, keyedHmac, webKeyedHmac } from './keyed-hmac.ts';
export { type NonceSource, randomNonce } from './nonce.ts';
export { optionalString, requireString } from './options.ts';
export {
  collectEncodedParams,
  collectParams,
  compareCodePoints,
  hasParam,
  isFormContentType,
  parseParams,
  serializeParams,
  sortParams,
} from './params.ts';
export type { AuthRequest, AuthResponse, HeaderReader, Param, RequestBody, Signature } from './request.ts';
export {
  createSigner,
  InvalidKeyError,
  isKeyAlgorithm,
  type KeyAlgorithm,
  type Signer,
  type SigningKey,
  UnsupportedAlgorithmError,
} from './signing-key.ts';
export { type AuthStrategy, RETRY, type SignContext } from './strategy.ts';
export { appendQuery, baseOf, parseRequestUrl, pathAfter, pathOf, queryOf } from './url.ts';
