export { normalizeParams, signatureBaseString } from './base-string.ts';
export {
  AuthorizationDeniedError,
  BodyHashUnavailableError,
  CallbackNotConfirmedError,
  OAuth1ProblemError,
  type OAuthProblem,
  RequestTokenExpiredError,
  TokenEndpointError,
  UnknownRequestTokenError,
} from './errors.ts';
export {
  type CallbackInput,
  callbackParams,
  type OAuth1Flow,
  type OAuth1FlowOptions,
  type OAuth1Grant,
  oauth1Flow,
  type RequestToken,
} from './flow.ts';
export { type OAuth1Options, type OAuth1Settings, type OAuth1Strategy, oauth1 } from './oauth1.ts';
export {
  FLICKR,
  type FlickrEndpoints,
  type FlickrFlowOptions,
  type FlickrOptions,
  type FlickrPerms,
  type FlickrSettings,
  flickr,
  flickrEndpoints,
  flickrFlow,
} from './presets/flickr.ts';
export {
  type NetSuiteEndpoints,
  type NetSuiteOptions,
  type NetSuiteSettings,
  netsuite,
  netsuiteEndpoints,
} from './presets/netsuite.ts';
export {
  TWITTER,
  type TwitterAccessType,
  type TwitterEndpoints,
  type TwitterFlowOptions,
  type TwitterOptions,
  type TwitterSettings,
  twitter,
  twitterEndpoints,
  twitterFlow,
} from './presets/twitter.ts';
export { readProblem } from './problem.ts';
export {
  mayShow,
  PROOFILE,
  PROOFILE_RIGHTS,
  type ProofileAudience,
  type ProofileEndpoints,
  type ProofileFlowOptions,
  type ProofileOptions,
  type ProofileRight,
  type ProofileSettings,
  type ProofileVisibility,
  proofile,
  proofileEndpoints,
  proofileFlow,
  proofileVisibility,
} from './proofile.ts';
export type { OAuth1Credentials, Placement, SignatureMethod } from './signer.ts';
