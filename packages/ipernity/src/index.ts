export { IPERNITY_API_URL, IPERNITY_AUTHORIZE_URL } from './constants.ts';
export type { IpernityCredentials, IpernityUser } from './credentials.ts';
export {
  IPERNITY_ERROR_CODES,
  IpernityAuthorizationDeniedError,
  IpernityAuthorizationPendingError,
  type IpernityErrorDetails,
  IpernityInvalidSignatureError,
  IpernityInvalidTokenError,
  IpernityMissingSignatureError,
  IpernityPermissionError,
  IpernityUnknownMethodError,
  ipernityError,
} from './errors.ts';
export {
  type IpernityDesktopFlow,
  type IpernityFlowOptions,
  type IpernityGrant,
  type IpernityWebFlow,
  ipernityDesktopFlow,
  ipernityWebFlow,
} from './flow.ts';
export {
  IPERNITY_AREAS,
  type IpernityArea,
  type IpernityGrantedPermissions,
  type IpernityLevel,
  type IpernityPermissions,
  permissionParams,
  permits,
} from './permissions.ts';
export { type IpernityResult, parseIpernityResponse } from './response.ts';
export { addedParams, apiSig, signingString, signParams } from './signature.ts';
export {
  apiMethodOf,
  type IpernityLiteralOptions,
  type IpernityOptions,
  type IpernitySettings,
  type IpernityStrategy,
  ipernity,
} from './strategy.ts';
