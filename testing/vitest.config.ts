import { defineProject } from 'vitest/config';

// Repository-wide checks that belong to no single package (browser safety of every package).
export default defineProject({
  test: { name: 'testing', include: ['*.test.ts'] },
});
