import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/bin.ts', 'src/flows/index.ts'],
  platform: 'node',
});
