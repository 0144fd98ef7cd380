// The cross-client tests send through the published test kit's clients (axios, ky, got, fetch),
// as a provider author's tests would.
export {
  type Call,
  type ClientUnderTest,
  clients,
  type Form,
  type Reply,
} from '@authplug/emulators/testing';
