// pnpm bench — signing overhead per client and strategy (method: see harness.ts).
import { measureOverhead } from './harness.ts';
import { strategies } from './strategies.ts';

await measureOverhead(strategies, 'Signing overhead');
