import type { IpernityGrantedPermissions } from './permissions.ts';

/** The member who authorized the application, as auth.getToken reports it. */
export interface IpernityUser {
  userId: string;
  username: string;
  realname?: string;
}

/**
 * What the store holds under `ipernity/<profile>`: the application's key and secret, and after
 * an authorization flow the token, the granted permissions and the user.
 *
 * @example
 * ```ts
 * await store.set('ipernity/default', { apiKey: '…', secret: '…' } satisfies IpernityCredentials);
 * ```
 */
export interface IpernityCredentials {
  [field: string]: unknown;
  apiKey: string;
  secret: string;
  authToken?: string;
  permissions?: IpernityGrantedPermissions;
  user?: IpernityUser;
}
