// End to end in a real browser: the built viewer served from a subpath on
// 127.0.0.1, driven in Debian's Chromium by playwright-core, every request that
// leaves 127.0.0.1 refused. Screenshots go to apps/viewer/.screenshots/
// (git-ignored) to look at; timings are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRng } from '@maxent/core';
import { XMLValidator } from 'fast-xml-parser';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder, type StaticServer } from './staticServer.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const APP = join(import.meta.dirname, '..');
const DIST = join(APP, 'dist');
const CLI = join(APP, '../cli/dist/main.js');
const SCREENSHOTS = join(APP, '.screenshots');
const FIXTURES = join(APP, '../../packages/figures/test/fixtures');

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`viewer.browser.test.ts: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`);

/** Waits until the (first) element is visible. */
async function visible(locator: Locator, timeout = 30_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

interface Watched {
  readonly page: Page;
  readonly problems: string[];
  readonly refused: string[];
}

describe.skipIf(!hasChromium)('the viewer in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  const work = mkdtempSync(join(tmpdir(), 'maxent-viewer-'));
  const timings: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) {
      // `pnpm test` builds first (turbo); a lone run of this file builds the site itself.
      const built = spawnSync('pnpm', ['exec', 'vite', 'build'], { cwd: APP, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}`);
    }
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the CLI first (pnpm build)`);
    server = await serveFolder(DIST, '/some/subpath/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (timings.length > 0) console.log(`viewer benchmark (2 shared cores, headless Chromium):\n  ${timings.join('\n  ')}`);
  });

  async function open(search = ''): Promise<Watched> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 }, acceptDownloads: true });
    const problems: string[] = [];
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') await route.continue();
      else {
        refused.push(url.href);
        await route.abort();
      }
    });
    await page.goto(server.url + search);
    await waitForUpdates(page, 1);
    return { page, problems, refused };
  }

  async function waitForUpdates(page: Page, count: number) {
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('#explore')?.dataset.updates ?? 0) >= n, count, { timeout: 60_000 });
  }

  /** Sets a slider as a drag would end: input, then change; returns the page's times from the change to the solution's charts and to the scatter. */
  async function slide(page: Page, name: string, value: number): Promise<{ charts: number; scatter: number }> {
    const before = Number(await page.locator('#explore').getAttribute('data-updates'));
    await page.evaluate(
      ([control, to]) => {
        const input = document.querySelector<HTMLInputElement>(`input[name="${control}"]`)!;
        input.value = String(to);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      [name, value] as const,
    );
    await waitForUpdates(page, before + 1);
    const explore = page.locator('#explore');
    return { charts: Number(await explore.getAttribute('data-last-update-ms')), scatter: Number(await explore.getAttribute('data-last-scatter-ms')) };
  }

  const summaryValue = async (page: Page, key: string) => Number(await page.locator(`[data-key="${key}"]`).getAttribute('data-value'));
  const digest = async (page: Page, slot: string) =>
    JSON.parse((await page.locator(`[data-slot="${slot}"]`).getAttribute('data-series')) ?? 'null') as { categories: string[]; series: { name: string; values: number[] }[] };

  it('loads from a subpath with no console error and no request beyond 127.0.0.1', async () => {
    const { page, problems, refused } = await open();
    await visible(page.locator('[data-slot="populations"] canvas').first());
    await visible(page.locator('[data-slot="neurons"] canvas').first());
    expect(page.url()).toContain('/some/subpath/?task=select&K=3');
    await page.screenshot({ path: join(SCREENSHOTS, 'explore-k3.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 120_000);

  it('moving K redraws the populations, with the numbers of maxent solve for the downloaded config', async () => {
    const { page, problems } = await open();
    expect((await digest(page, 'populations')).categories).toHaveLength(8);
    await slide(page, 'contexts', 4);
    const shown = await digest(page, 'populations');
    expect(shown.categories).toHaveLength(16);
    expect(page.url()).toContain('K=4');
    await page.locator('[data-slot="populations"]').screenshot({ path: join(SCREENSHOTS, 'explore-k4-populations.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-config"]')]);
    const configPath = join(work, 'viewer-config.json');
    await download.saveAs(configPath);
    expect(download.suggestedFilename()).toBe('maxent-config.json');
    const solutionPath = join(work, 'cli-solution.json');
    const cli = spawnSync(process.execPath, [CLI, 'solve', '--config', configPath, '--out', solutionPath, '--quiet'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const solution = JSON.parse(readFileSync(solutionPath, 'utf8'));
    expect(solution.config.task).toEqual({ name: 'select', contexts: 4 });
    const close = (actual: number, expected: number, what: string) => expect(Math.abs(actual - expected), what).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    close(await summaryValue(page, 'klFromPrior'), solution.klFromPrior, 'klFromPrior');
    for (const key of ['specialization', 'specializationPrior', 'selectivity', 'selectivityNormalized']) close(await summaryValue(page, key), solution.summary[key], key);
    const energy = shown.series.find((series) => series.name.startsWith('energy share'))!;
    const byLabel = new Map<string, number>(solution.populations.map((p: { pattern: number[]; energyShare: number }) => [p.pattern.join(''), p.energyShare]));
    shown.categories.forEach((label, i) => close(energy.values[i], byLabel.get(label)!, `energy share of ${label}`));
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('a burst of changes ends on the last setting (stale solves are dropped or cancelled)', async () => {
    const { page, problems } = await open();
    const before = Number(await page.locator('#explore').getAttribute('data-updates'));
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('input[name="contexts"]')!;
      for (const K of [9, 11, 4, 10, 5]) {
        input.value = String(K);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitForUpdates(page, before + 1);
    await page.waitForTimeout(500);
    expect((await digest(page, 'populations')).categories).toHaveLength(32);
    expect(page.url()).toContain('K=5');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('round-trips a setting through the URL, and back and forward move between settings', async () => {
    const { page, problems } = await open('?task=select-of&K=5&P=2&phi=relu&sigma=0.3&mu=0.2&sv=1.5&N=500&seed=9');
    const kl = await summaryValue(page, 'klFromPrior');
    expect(await page.locator('select[name="task"]').inputValue()).toBe('select-of');
    expect(await page.locator('input[name="stimuli"]').inputValue()).toBe('2');
    expect(await page.locator('input[name="contextMean"]').inputValue()).toBe('0.2');
    // The slider moves log10(sigma) in steps of 0.05: 0.3 is sigma = 10^0.3 = 1.995 (4 digits).
    await slide(page, 'sigma', 0.3);
    expect(page.url()).toContain('sigma=1.995');
    const klAt2 = await summaryValue(page, 'klFromPrior');
    expect(klAt2).not.toBe(kl);
    await page.goBack();
    await waitForUpdates(page, 3);
    expect(page.url()).toContain('sigma=0.3');
    expect(await summaryValue(page, 'klFromPrior')).toBe(kl);
    await page.goForward();
    await waitForUpdates(page, 4);
    expect(await summaryValue(page, 'klFromPrior')).toBe(klAt2);
    // A new page at the same link shows the same numbers.
    const again = await open(new URL(page.url()).search);
    expect(await summaryValue(again.page, 'klFromPrior')).toBe(klAt2);
    expect(await again.page.locator('input[name="seed"]').inputValue()).toBe('9');
    expect([...problems, ...again.problems]).toEqual([]);
    await again.page.close();
    await page.close();
  }, 120_000);

  it('shows the solver reason for an infeasible and an unattainable setting', async () => {
    const { page, problems } = await open('?task=select&K=2&phi=linear');
    await expect.poll(() => page.locator('.problem [role="alert"]').first().textContent(), { timeout: 30_000 }).toContain('No solution at this setting (infeasible)');
    await page.selectOption('select[name="nonlinearity"]', 'tanh');
    await expect.poll(() => page.locator('.problem [role="alert"]').first().textContent(), { timeout: 60_000 }).toContain('smallest attainable weightScale');
    await page.screenshot({ path: join(SCREENSHOTS, 'explore-unattainable.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('opens a solution, a network, weight metrics with their matrix, a broken file, an unknown kind and HTML in strings', async () => {
    const { page, problems, refused } = await open();
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{"kind": "maxent-solution", "lambda": [[1, 2]');
    const hostile = '<img src=x onerror="window.__injected = 1">';
    const htmlSweep = JSON.parse(readFileSync(join(FIXTURES, 'sweep-small.json'), 'utf8'));
    htmlSweep.rows[0].grid = hostile;
    htmlSweep.rows[0].error = `<script>window.__injected = 2</script>`;
    const htmlFile = join(work, 'html-strings.json');
    writeFileSync(htmlFile, JSON.stringify(htmlSweep));
    const unknown = join(work, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ schemaVersion: 1, kind: hostile }));
    await page.setInputFiles('[data-action="open-files"]', [
      join(FIXTURES, 'solution-k3.json'),
      join(FIXTURES, 'network-k3.json'),
      join(FIXTURES, 'weight-metrics-100.json'),
      broken,
      unknown,
      htmlFile,
    ]);
    const box = (name: string) => page.locator(`.opened-file[data-name="${name}"]`);
    await expect.poll(() => box('solution-k3.json').getAttribute('data-state'), { timeout: 60_000 }).toBe('shown');
    await visible(box('solution-k3.json').locator('[data-figure="solution-populations"] canvas'));
    await expect.poll(() => box('network-k3.json').getAttribute('data-state'), { timeout: 30_000 }).toBe('shown');
    await visible(box('network-k3.json').locator('[data-figure="network-neurons"] canvas'));
    await visible(box('network-k3.json').locator('[data-table="network-populations"]'));
    await box('network-k3.json').locator('[data-action="evaluate"]').click();
    await visible(box('network-k3.json').locator('[data-figure="evaluation-r2"] canvas'), 60_000);
    await visible(box('weight-metrics-100.json').locator('[data-table="weight-metrics-table"]'));
    await box('weight-metrics-100.json').locator('[data-action="add-matrix"]').setInputFiles(join(FIXTURES, 'weights-100.npy'));
    await visible(box('weight-metrics-100.json').locator('[data-figure="weight-metrics-matrix"] canvas'), 60_000);
    await visible(box('weight-metrics-100.json').locator('[data-figure="weight-metrics-eigenvalues"] canvas'));
    await expect.poll(() => box('broken.json').getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    await expect.poll(() => box('broken.json').locator('[role="alert"]').first().textContent(), { timeout: 30_000 }).toContain('broken.json is not valid JSON');
    await expect.poll(() => box('unknown.json').getAttribute('data-state'), { timeout: 30_000 }).toBe('unknown-kind');
    await expect.poll(() => box('unknown.json').locator('[role="alert"]').first().textContent(), { timeout: 30_000 }).toContain(`is of kind ${JSON.stringify(hostile)}, which this viewer does not know`);
    await expect.poll(() => box('html-strings.json').getAttribute('data-state'), { timeout: 30_000 }).toBe('shown');
    await expect.poll(() => box('html-strings.json').locator('[data-table="sweep-rows"]').first().textContent(), { timeout: 30_000 }).toContain(hostile);
    expect(await page.locator('.files img, .files script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
    for (const name of ['solution-k3.json', 'network-k3.json', 'weight-metrics-100.json', 'broken.json', 'unknown.json', 'html-strings.json']) {
      await box(name).screenshot({ path: join(SCREENSHOTS, `file-${name.replace('.json', '')}.png`) });
    }
    // The sweep's points go on the transitions panel, which opens for them.
    await visible(page.locator('#transitions [data-figure="sweep-specialization"] canvas'), 120_000);
    await page.locator('#transitions').screenshot({ path: join(SCREENSHOTS, 'transitions-overlay.png') });
    expect(problems).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 300_000);

  it('opens an seRNN training run and a study with their figures and every run listed', async () => {
    const { page, problems, refused } = await open();
    await page.setInputFiles('[data-action="open-files"]', [join(FIXTURES, 'rnn-training-small.json'), join(FIXTURES, 'rnn-sweep-small.json')]);
    const box = (name: string) => page.locator(`.opened-file[data-name="${name}"]`);
    await expect.poll(() => box('rnn-training-small.json').getAttribute('data-state'), { timeout: 60_000 }).toBe('shown');
    await visible(box('rnn-training-small.json').locator('[data-figure="rnn-training-measures"] canvas'));
    await visible(box('rnn-training-small.json').locator('[data-table="rnn-epochs"]'));
    await expect.poll(() => box('rnn-sweep-small.json').getAttribute('data-state'), { timeout: 60_000 }).toBe('shown');
    for (const id of ['rnn-sweep-modularity-against-shannonEntropy', 'rnn-sweep-eigenvalues']) {
      await visible(box('rnn-sweep-small.json').locator(`[data-figure="${id}"] canvas`));
    }
    const study = JSON.parse(readFileSync(join(FIXTURES, 'rnn-sweep-small.json'), 'utf8')) as { rows: unknown[] };
    // One header row plus one row per run.
    expect(await box('rnn-sweep-small.json').locator('[data-table="rnn-runs"] tr').count()).toBe(study.rows.length + 1);
    await box('rnn-sweep-small.json').screenshot({ path: join(SCREENSHOTS, 'file-rnn-sweep-small.png') });
    expect(problems).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 300_000);

  it('computes the transitions with the current setting marked', async () => {
    const { page, problems } = await open('?task=select&K=3&phi=relu&sigma=0.5&mu=0&sv=1&N=500&seed=1');
    await page.locator('#transitions > summary').click();
    const panel = page.locator('#transitions [data-figure="sweep-specialization"]');
    await visible(panel.locator('canvas'), 120_000);
    const series = JSON.parse((await panel.getAttribute('data-series'))!) as { series: { name: string; values: number[] }[] };
    expect(series.series.at(-1)).toEqual({ name: 'current setting', values: [await summaryValue(page, 'specialization')] });
    await page.locator('#transitions').screenshot({ path: join(SCREENSHOTS, 'transitions.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('exports a figure as well-formed SVG and as PNG', async () => {
    const { page, problems } = await open();
    const panel = page.locator('[data-slot="populations"]');
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-export="svg"]').click()]);
    expect(svgDownload.suggestedFilename()).toBe('solution-populations.svg');
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('gain pattern g');
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-export="png"]').click()]);
    const png = readFileSync((await pngDownload.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(1280); // IHDR width: 640 at twice the size
    writeFileSync(join(SCREENSHOTS, 'export-solution-populations.png'), png);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('benchmark: control change to chart, a 10^5-neuron network to its first chart, bundle size', async () => {
    const { page, problems } = await open('?task=select&K=1&phi=relu&sigma=1&mu=0&sv=1&N=2000&seed=1');
    const small: string[] = [];
    for (let K = 2; K <= 8; K++) {
      const { charts, scatter } = await slide(page, 'contexts', K);
      small.push(`K=${K} ${charts.toFixed(0)}/${scatter.toFixed(0)}`);
    }
    timings.push(`control change -> solution charts / scatter of N = 2000 (relu, exact), ms: ${small.join(', ')}`);
    const k12 = await slide(page, 'contexts', 12);
    timings.push(`control change -> solution charts / scatter at K = 12: ${k12.charts.toFixed(0)} / ${k12.scatter.toFixed(0)} ms`);
    await page.screenshot({ path: join(SCREENSHOTS, 'explore-k12.png'), fullPage: true });

    const rng = createRng(11);
    const N = 100_000;
    const row = (n: number) => Array.from({ length: n }, () => Number(rng.normal().toPrecision(8)));
    const network = { schemaVersion: 1, kind: 'network', config: { context: { mean: 0, std: 1 } }, nonlinearity: 'relu', neurons: N, u: Array.from({ length: N }, () => row(3)), v: Array.from({ length: N }, () => row(3)), w: row(N), task: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
    const path = join(work, 'network-1e5.json');
    writeFileSync(path, JSON.stringify(network));
    await page.setInputFiles('[data-action="open-files"]', path);
    const box = page.locator('.opened-file[data-name="network-1e5.json"]');
    await expect.poll(() => box.getAttribute('data-open-ms'), { timeout: 120_000 }).toMatch(/\d/);
    timings.push(`opening a 10^5-neuron network (${(statSync(path).size / 1e6).toFixed(1)} MB) to its first chart: ${Number(await box.getAttribute('data-open-ms')).toFixed(0)} ms`);
    await box.screenshot({ path: join(SCREENSHOTS, 'file-network-1e5.png') });

    const assets = readdirSync(join(DIST, 'assets'));
    const gzip = (name: string) => gzipSync(readFileSync(join(DIST, 'assets', name))).length;
    const page_ = assets.filter((name) => name.startsWith('index-')).reduce((sum, name) => sum + gzip(name), 0);
    const worker = assets.filter((name) => name.startsWith('worker-')).reduce((sum, name) => sum + gzip(name), 0);
    timings.push(`bundle (gzip): page ${(page_ / 1024).toFixed(0)} KB (JS and CSS), worker ${(worker / 1024).toFixed(0)} KB`);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
