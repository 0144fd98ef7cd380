export {
  expectedSignature,
  type SafeCreativeEmulator,
  type SafeCreativeEmulatorOptions,
  type SafeCreativeLevel,
  type SafeCreativeSeedAuthKey,
  safecreativeEmulator,
} from './emulator.ts';
export {
  SAFECREATIVE_PRIVATE_KEY,
  SAFECREATIVE_SHARED_KEY,
  SAFECREATIVE_TEST_APP,
  SAFECREATIVE_TEST_USER,
  type SafeCreativeTestApp,
} from './keys.ts';
