export { LASTFM_API_URL, LASTFM_AUTHORIZE_URL, LASTFM_SIG } from './constants.ts';
export {
  LASTFM_ERROR_CODES,
  LastfmAuthorizationPendingError,
  type LastfmErrorDetails,
  LastfmInvalidSessionError,
  LastfmInvalidSignatureError,
  LastfmTokenExpiredError,
  lastfmError,
} from './errors.ts';
export { type LastfmAuthFlow, type LastfmFlowOptions, lastfmAuthFlow } from './flow.ts';
export { type LastfmResult, parseLastfmResponse } from './response.ts';
export { type LastfmCredentials, type LastfmOptions, lastfm } from './strategy.ts';
