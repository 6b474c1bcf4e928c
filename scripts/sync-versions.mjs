// Rewrites each package's src/version.ts from its package.json, after
// `changeset version` has bumped the versions (root script `pnpm version-packages`).
// The VERSION constants exist so result files can name package versions without
// reading package.json (which a browser cannot); version.test.ts in each package
// fails when one drifts.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, group))) {
    const file = join(root, group, name, 'src', 'version.ts');
    if (!existsSync(file)) continue;
    const { version } = JSON.parse(readFileSync(join(root, group, name, 'package.json'), 'utf8'));
    const text = readFileSync(file, 'utf8');
    const next = text.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`);
    if (next !== text) {
      writeFileSync(file, next);
      console.log(`${group}/${name}: VERSION = ${version}`);
    }
  }
}
