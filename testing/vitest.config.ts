import { defineProject } from 'vitest/config';
import { TEST_TIMEOUT_MS } from '../vitest.shared.ts';

// Repository-wide checks that belong to no single package (browser safety of every package).
export default defineProject({
  test: { name: 'testing', testTimeout: TEST_TIMEOUT_MS, include: ['*.test.ts'] },
});
