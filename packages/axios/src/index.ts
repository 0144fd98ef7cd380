export { authAdapter, isAuthAdapter } from './adapter.ts';
export { toAuthRequest, toAuthResponse } from './request.ts';
export { authInterceptor, withAuth } from './with-auth.ts';
