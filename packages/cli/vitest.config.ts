import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Every test here starts several `authplug` processes, each paying Node's start-up; on a busy
// machine the shared 20 s guard against hangs is too tight. (A guard, not a speed assertion.)
export default mergeConfig(shared, { test: { testTimeout: 120_000 } });
