export { toAuthRequest } from './request.ts';
export { authFetch, type Fetch } from './sign.ts';
export { withAuth } from './with-auth.ts';
