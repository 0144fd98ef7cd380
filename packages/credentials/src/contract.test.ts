// One contract, every adapter. Read-side cases run against all of them (env included); write-side
// cases against the writable ones, and env must refuse writes with a typed error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type ContractAdapter, seedWritable, storeContract } from '../test/contract-suite.ts';
import { chainStore } from './chain.ts';
import { envStore } from './env.ts';
import { fileStore } from './file.ts';
import { memoryStore } from './memory.ts';

// Written by hand here (not with the store's helper): key a/b, field fooBar → PREFIX_A_B_FOO_BAR.
const envName = (key: string, field: string): string =>
  `AUTHPLUG_${key.replace('/', '_')}_${field.replace(/[A-Z]/g, (c) => `_${c}`)}`.toUpperCase();

const dirs: string[] = [];
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'authplug-contract-'));
  dirs.push(dir);
  return join(dir, 'nested', 'credentials.json');
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const adapters: ContractAdapter[] = [
  { name: 'memoryStore', writable: true, make: async (seed) => memoryStore(seed) },
  { name: 'fileStore', writable: true, make: (seed) => seedWritable(fileStore({ path: tempFile() }), seed) },
  {
    name: 'envStore',
    writable: false,
    make: async (seed) => {
      const env: Record<string, string> = { PATH: '/usr/bin', AUTHPLUGX_IPERNITY_API_KEY: 'not-ours' };
      for (const [key, value] of Object.entries(seed)) {
        for (const [field, v] of Object.entries(value)) env[envName(key, field)] = v;
      }
      return envStore({ env });
    },
  },
  {
    name: 'chainStore(memoryStore, fileStore)',
    writable: true,
    make: (seed) => seedWritable(chainStore(memoryStore(), fileStore({ path: tempFile() })), seed),
  },
  {
    name: 'chainStore(envStore, fileStore)',
    writable: true,
    make: (seed) => seedWritable(chainStore(envStore({ env: {} }), fileStore({ path: tempFile() })), seed),
  },
];

storeContract(adapters);
