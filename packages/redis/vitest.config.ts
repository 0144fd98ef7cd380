import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Installs Debian's redis-server when it is missing (a fresh CI machine) before any suite starts
// its own server.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['./test/global-setup.ts'] } }));
