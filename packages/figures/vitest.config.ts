import { defineProject } from 'vitest/config';
import { TEST_TIMEOUT_MS, workspaceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'figures', testTimeout: TEST_TIMEOUT_MS, include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
