export { type IpernityEmulator, type IpernityEmulatorOptions, ipernityEmulator } from './emulator.ts';
export {
  IPERNITY_TEST_APP,
  IPERNITY_TEST_USER,
  IPERNITY_UNSIGNED_APP,
  type IpernityTestApp,
} from './keys.ts';
