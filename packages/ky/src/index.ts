// ky sends through fetch: its adapter is @authplug/fetch's signing fetch in ky's `fetch` option.
export { authFetch, type Fetch, toAuthRequest } from '@authplug/fetch';
export { withAuth } from './with-auth.ts';
