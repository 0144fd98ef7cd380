export {
  type OAuth1AccessToken,
  type OAuth1Consumer,
  PROOFILE_PING_TOKEN,
  PROOFILE_TEST_CONSUMER,
  PROOFILE_TEST_TOKEN,
  PROOFILE_TEST_USER,
} from './accounts.ts';
export { type ProofileEmulatorOptions, proofileEmulator } from './proofile.ts';
export {
  type OAuth1Caller,
  type OAuth1EmulatorOptions,
  type OAuth1ProviderEmulator,
  type OAuth1Routes,
  oauth1ProviderEmulator,
} from './provider.ts';
export type { OAuth1Method } from './verify.ts';
