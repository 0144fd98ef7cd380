export { authAdapter, isAuthAdapter } from './adapter.ts';
export { toAuthRequest } from './request.ts';
export { toAuthResponse } from './response.ts';
export { authInterceptor, withAuth } from './with-auth.ts';
