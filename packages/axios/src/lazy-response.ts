// What the adapter loads through import() when a strategy inspects responses. A module of its
// own (not the public response.ts, which index.ts exports statically), so the import stays lazy
// and bundles whose strategy never inspects leave toAuthResponse out.
export { toAuthResponse } from './response.ts';
