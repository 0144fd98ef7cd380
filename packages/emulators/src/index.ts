export {
  createEmulators,
  EMULATOR_PATHS,
  type Emulators,
  type EmulatorsOptions,
  type EmulatorUrls,
  emulatorUrls,
  formatSeededApps,
  type RunningEmulators,
  SEEDED_APPS,
  startEmulators,
} from './all.ts';
export * from './aws/index.ts';
export type { Emulator, EmulatorMountOptions } from './emulator.ts';
export {
  HISTORYPIN_TEST_ACCOUNT,
  type HistorypinAccount,
  type HistorypinEmulator,
  historypinEmulator,
} from './historypin/index.ts';
export * from './httpsig/index.ts';
export {
  IPERNITY_TEST_APP,
  IPERNITY_TEST_USER,
  IPERNITY_UNSIGNED_APP,
  type IpernityEmulator,
  type IpernityEmulatorOptions,
  type IpernityTestApp,
  ipernityEmulator,
} from './ipernity/index.ts';
export {
  LASTFM_TEST_APP,
  LASTFM_TEST_USER,
  type LastfmEmulator,
  type LastfmEmulatorOptions,
  type LastfmTestApp,
  lastfmEmulator,
} from './lastfm/index.ts';
export * from './oauth1/index.ts';
export { clickButton, type PageForm, pageForms } from './page-forms.ts';
export * from './safecreative/index.ts';
export { type RunningServer, serveFetch } from './server.ts';
