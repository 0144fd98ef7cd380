import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/msw.ts', 'src/testing.ts', 'src/cli.ts'],
  platform: 'node',
});
