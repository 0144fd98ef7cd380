export { type HttpSigEmulator, type HttpSigEmulatorOptions, httpsigEmulator } from './emulator.ts';
export { HTTPSIG_TEST_KEYS, type HttpSigTestKey } from './keys.ts';
