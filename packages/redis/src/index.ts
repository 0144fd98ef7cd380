export type {
  RedisClientLike,
  RedisConnectionOptions,
  RedisTimingOptions,
} from './connection.ts';
export { StoreConflictError, StoreUnavailableError } from './errors.ts';
export {
  type RedisNonceLock,
  type RedisNonceLockOptions,
  type ReleaseLease,
  redisNonceLock,
} from './nonce-lock.ts';
export { type RedisStore, type RedisStoreOptions, redisStore } from './store.ts';
