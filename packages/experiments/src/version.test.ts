import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { VERSION } from './index.js';

it('VERSION is the version in package.json (run `pnpm version-packages` after `changeset version`)', () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(VERSION).toBe(manifest.version);
});
