export { memoryStore } from './memory.ts';
export { type CredentialStore, type CredentialValue, credentialKey } from './store.ts';
