export {
  type Approver,
  clickApprover,
  codeOf,
  personApprover,
  untilApproved,
} from './approve.ts';
export { CLIENTS, type ClientName, type DemoCall, send } from './clients.ts';
export { prepareFlow, type SetupOptions } from './flow.ts';
export { setupHistorypin } from './historypin.ts';
export { setupIpernity } from './ipernity.ts';
export { type LoopbackCallback, loopbackCallback } from './loopback.ts';
export { authorizeOAuth1, type OAuth1Endpoints, setupOAuth1 } from './oauth1.ts';
export { createProgress, type Progress, type Step } from './progress.ts';
export { setupProofile } from './proofile.ts';
export { setupSafeCreative } from './safecreative.ts';
export { openStore, STORE_KINDS, type StoreKind } from './stores.ts';
