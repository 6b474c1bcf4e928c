// End to end in a real browser: the demo's report opened from disk in Debian's
// Chromium (driven by playwright-core), with every request that is not the file
// itself refused. Screenshots go to apps/cli/.screenshots/ (git-ignored) to look at.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const SCREENSHOTS = join(import.meta.dirname, '../.screenshots');
const FIXTURES = join(import.meta.dirname, '../../../packages/figures/test/fixtures');

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`reportBrowser.test.ts: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`);

describe.skipIf(!hasChromium)('report.html in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the page offline; returns what went wrong and the figures' sizes. */
  async function open(htmlPath: string, name: string) {
    const url = pathToFileURL(htmlPath).href;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.route('**/*', async (route) => {
      if (route.request().url() === url) await route.continue();
      else {
        refused.push(route.request().url());
        await route.abort();
      }
    });
    await page.goto(url, { waitUntil: 'load' });
    const figures = await page.locator('figure[data-figure]').all();
    const sizes: { id: string; width: number; height: number; visible: boolean }[] = [];
    for (const [index, figure] of figures.entries()) {
      const chart = figure.locator('.chart svg');
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      sizes.push({ id: (await figure.getAttribute('data-figure')) ?? '', width: box?.width ?? 0, height: box?.height ?? 0, visible: await chart.isVisible() });
      await figure.screenshot({ path: join(SCREENSHOTS, `${name}-${String(index + 1).padStart(2, '0')}-${sizes[index].id}.png`) });
    }
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-page.png`), fullPage: true });
    await page.close();
    return { problems, refused, sizes };
  }

  it('opens the demo report offline: no console error, no request leaves the page, every figure visible', async () => {
    const cwd = temporaryFolder('maxent-browser-');
    // A folder that already holds a file is never written to: the demo picks a new name and says so.
    mkdirSync(join(cwd, 'maxent-demo'));
    writeFileSync(join(cwd, 'maxent-demo', 'notes.txt'), 'mine');
    const demo = await runMaxent(['demo', '--quick'], cwd);
    expect(demo.code, demo.stderr).toBe(0);
    const folder = /^maxent-demo\/ already holds files, so this demo writes to (maxent-demo-\d{8}-\d{6})\/ instead\.$/m.exec(demo.stdout)?.[1];
    expect(folder, demo.stdout.slice(0, 300)).toBeDefined();
    expect(demo.stdout.trimEnd().split('\n').at(-1)).toBe(`Open the report: ${folder}/report.html`);
    expect(readFileSync(join(cwd, 'maxent-demo', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(join(cwd, 'maxent-demo'))).toEqual(['notes.txt']);
    const { problems, refused, sizes } = await open(join(cwd, folder!, 'report.html'), 'demo');
    expect(problems).toEqual([]);
    expect(refused).toEqual([]);
    // One figure per SVG file the demo wrote (27: three of the solution, six per network, six of the sweep).
    expect(sizes).toHaveLength(readdirSync(join(cwd, folder!, 'figures')).length);
    expect(sizes).toHaveLength(27);
    for (const size of sizes) {
      expect(size.visible, size.id).toBe(true);
      expect(size.width, size.id).toBeGreaterThan(100);
      expect(size.height, size.id).toBeGreaterThan(100);
    }
  }, 120_000);

  it('opens a report of MCMC, sweep and several evaluations (the fixtures) the same way', async () => {
    const cwd = temporaryFolder('maxent-browser-');
    const names = ['network-mcmc-k3.json', 'evaluation-k3-s0.05.json', 'evaluation-k3-s0.1.json', 'evaluation-k3-s0.3.json', 'sweep-small.json'];
    const run = await runMaxent(['report', ...names.map((name) => join(FIXTURES, name)), '--out', 'report.html', '--quiet'], cwd);
    expect(run.code, run.stderr).toBe(0);
    const { problems, refused, sizes } = await open(join(cwd, 'report.html'), 'fixtures');
    expect(problems).toEqual([]);
    expect(refused).toEqual([]);
    expect(sizes.map((size) => size.id)).toContain('mcmc-traces');
    expect(sizes.map((size) => size.id)).toContain('evaluation-r2-stimulus');
    for (const size of sizes) expect(size.width * size.height, size.id).toBeGreaterThan(100 * 100);
  }, 120_000);
});
