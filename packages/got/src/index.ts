export { type AuthHooks, authHooks } from './hooks.ts';
export { toAuthRequest, toAuthResponse } from './request.ts';
export { withAuth } from './with-auth.ts';
