export { bodyBytes, contentDigest, type DigestAlgorithm } from './body.ts';
export { type CavageAlgorithm, type CavageSignatureOptions, cavageSignature } from './cavage.ts';
export {
  type Component,
  type ComponentSource,
  componentValue,
  KNOWN_STRUCTURED_FIELDS,
  parseComponent,
} from './components.ts';
export { BodyNotDigestibleError, InvalidComponentError, MissingComponentError } from './errors.ts';
export {
  type HttpSignatureCredentials,
  type HttpSignatureOptions,
  type HttpSignatureSettings,
  httpSignature,
  type SignatureParam,
} from './http-signature.ts';
export type { BareItem, FieldType, Parameters } from './structured.ts';
