export { compareSigned, type Difference, PER_REQUEST } from './diff.ts';
export {
  LoginAbortedError,
  MissingKeysError,
  NotLoggedInError,
  RequestFailedError,
  StoreUnavailableError,
  UsageError,
} from './errors.ts';
export {
  type Call,
  type CliProvider,
  PROVIDER_NAMES,
  PROVIDERS,
  type ProviderName,
  providerOf,
} from './providers.ts';
