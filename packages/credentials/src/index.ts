export { chainStore } from './chain.ts';
export { assertKey, assertValue } from './check.ts';
export {
  type EncryptedStore,
  type EncryptedStoreOptions,
  encryptedStore,
  encryptionKeysFromEnv,
  generateEncryptionKey,
  SEALED_FIELD,
  sealedAad,
} from './encrypted.ts';
export { ENV_FIELDS, type EnvStoreOptions, envFieldName, envStore } from './env.ts';
export {
  CorruptStoreError,
  CredentialsNotFoundError,
  DecryptionError,
  InsecurePermissionsError,
  InvalidCredentialsError,
  ReadOnlyStoreError,
  StoreIOError,
  StoreLockedError,
  UnsupportedRuntimeError,
} from './errors.ts';
export {
  type DefaultPathOptions,
  defaultCredentialsPath,
  type FileStore,
  type FileStoreOptions,
  fileStore,
} from './file.ts';
export { memoryStore } from './memory.ts';
export { guarded, isSecretField, MASK, type RedactOptions, redact } from './redact.ts';
export { type CredentialSource, credentialSource, isStoreOptions, type StoreOptions } from './source.ts';
export { type CredentialStore, type CredentialValue, credentialKey } from './store.ts';
