export { CredentialsNotFoundError, InvalidCredentialsError, ReadOnlyStoreError } from './errors.ts';
export { memoryStore } from './memory.ts';
export { type CredentialSource, credentialSource, isStoreOptions, type StoreOptions } from './source.ts';
export { type CredentialStore, type CredentialValue, credentialKey } from './store.ts';
