export { authFetch, type Fetch } from './fetch.ts';
export { toAuthRequest } from './request.ts';
export { withAuth } from './with-auth.ts';
