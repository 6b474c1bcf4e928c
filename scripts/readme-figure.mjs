// Regenerates the README's figure: the specialization-against-K figure of the
// report that `maxent demo --quick` writes (the first transition of model.md §6).
// Run after `pnpm build`:  node scripts/readme-figure.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'maxent-readme-'));
try {
  execFileSync(process.execPath, [join(root, 'apps/cli/dist/main.js'), 'demo', '--quick', '--quiet', '--out', join(work, 'demo')], { stdio: 'inherit' });
  const target = join(root, 'docs/figures/sweep-specialization.svg');
  copyFileSync(join(work, 'demo/figures/sweep-sweep-specialization.svg'), target);
  console.log(`wrote ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
