export { type AuthHooks, authHooks } from './hooks.ts';
export { toAuthRequest } from './request.ts';
export { withAuth } from './with-auth.ts';
