export {
  AWS_TEST_ACCOUNT,
  type AwsAccount,
  type AwsEmulator,
  type AwsEmulatorOptions,
  awsEmulator,
} from './emulator.ts';
