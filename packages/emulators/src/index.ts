export type { Emulator } from './emulator.ts';
export { type RunningServer, serveFetch } from './server.ts';
