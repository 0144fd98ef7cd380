export {
  canonicalHeaderValue,
  canonicalPairs,
  canonicalPath,
  canonicalQuery,
  type PathRule,
} from './canonical.ts';
export type { AwsCredentialIdentity, AwsCredentialProvider } from './credentials.ts';
export { AwsCredentialsError, AwsSignatureError, AwsUnreadableBodyError } from './errors.ts';
export {
  type AwsCredentialOptions,
  type AwsSigV4CommonOptions,
  type AwsSigV4Options,
  type AwsSigV4Strategy,
  awsSigV4,
  type PresignOptions,
  s3,
} from './strategy.ts';
