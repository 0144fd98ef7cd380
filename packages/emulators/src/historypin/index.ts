export { HISTORYPIN_TEST_ACCOUNT, type HistorypinAccount } from './accounts.ts';
export { type HistorypinEmulator, historypinEmulator } from './emulator.ts';
