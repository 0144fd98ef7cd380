import type { IpernityGrantedPermissions } from './permissions.ts';

/**
 * The member who authorized the application, as auth.getToken reports it.
 *
 * @example
 * ```ts
 * const { user } = await flow.complete(); // { userId: '123', username: 'james007', realname: 'James Bond' }
 * ```
 */
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
