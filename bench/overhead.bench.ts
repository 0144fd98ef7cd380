// pnpm bench: every scheme through every client, plain vs floor vs signed (vs peers) in situ
// (method: see harness.ts).
import { measureInSitu } from './harness.ts';
import { strategies } from './strategies.ts';

await measureInSitu(strategies, 'Signing in situ');
