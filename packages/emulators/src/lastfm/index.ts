export { type LastfmEmulator, type LastfmEmulatorOptions, lastfmEmulator } from './emulator.ts';
export { LASTFM_TEST_APP, LASTFM_TEST_USER, type LastfmTestApp } from './keys.ts';
