import type { AuthStrategy } from '@authplug/core';
import { historypin } from '@authplug/historypin';

/** A strategy measured by the overhead bench, on the API path its scheme expects. */
export interface BenchStrategy {
  name: string;
  /** Path under the server root, e.g. `/en/api/user/get_edit.json`. */
  path: string;
  make(): AuthStrategy;
}

// Made-up keys: the bench server does not verify, it only answers.
export const strategies: BenchStrategy[] = [
  {
    name: 'historypin',
    path: '/en/api/user/get_edit.json',
    make: () =>
      historypin({
        apiKey: 'e519f7e8481e2002f9874cf10ac19bfca533704746d02b98ee9f9f6baa3231d8',
        apiSecret: '4a37d542252bd03300a8e79131f9624c',
      }),
  },
];
