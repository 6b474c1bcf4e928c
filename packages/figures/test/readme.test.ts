// The README's example and its printed output must stay true: run the code block
// under "## Example" on the fixture solution and compare with the block after "prints".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSvg, solutionPopulationsFigure } from '../src/index.js';

describe('README example', () => {
  it('prints what the README says', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Example'));
    const code = /```js\n([\s\S]*?)```/.exec(section)![1];
    const printed = /prints\n\n```\n([\s\S]*?)```/.exec(section)![1];
    const body = code.replace(/^import .*$/gm, '');
    const fixturePath = new URL('./fixtures/solution-k3.json', import.meta.url);
    const lines: string[] = [];
    const fakeConsole = { log: (...values: unknown[]) => lines.push(values.map(String).join(' ')) };
    const read = (path: string, encoding: 'utf8') => readFileSync(path === 'solution.json' ? fixturePath : path, encoding);
    new Function('readFileSync', 'solutionPopulationsFigure', 'renderSvg', 'console', body)(read, solutionPopulationsFigure, renderSvg, fakeConsole);
    expect(lines.join('\n').trim()).toBe(printed.trim());
  });
});
