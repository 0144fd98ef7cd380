export type { FetchLike } from './call.ts';
export {
  LEVELS,
  NONCE_COMPONENTS,
  SAFECREATIVE_SERVERS,
  type SafeCreativeLevel,
  SHARED_KEY_SIGNED_COMPONENTS,
} from './constants.ts';
export {
  AuthorizationPendingError,
  InsufficientLevelError,
  InvalidNonceError,
  InvalidSignatureError,
  SAFECREATIVE_ERROR_IDS,
  type SafeCreativeErrorDetails,
  TimeOutOfRangeError,
  toSafeCreativeError,
  UnauthorizedAuthkeyError,
  UnreadableResponseError,
} from './errors.ts';
export {
  type SafeCreativeAuthFlow,
  type SafeCreativeAuthFlowOptions,
  type SafeCreativeAuthResult,
  type SafeCreativeAuthStart,
  safecreativeAuthFlow,
} from './flow.ts';
export { type NonceLock, type ReleaseNonceLock, storeNonceLock } from './lock.ts';
export { parseSafeCreative, type SafeCreativeDocument } from './response.ts';
export { safecreativeSignature, signatureBase } from './signature.ts';
export {
  resolveServer,
  type SafeCreativeCommonOptions,
  type SafeCreativeCredentials,
  type SafeCreativeOptions,
  type SafeCreativeStrategy,
  safecreative,
} from './strategy.ts';
