// The README's example and its printed output must stay true: run the code block
// under "## Example" and compare with the block that follows "prints".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '../src/index.js';

describe('README examples', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Example'), readme.indexOf('## References'));
  // Every js block of the section followed by "prints" and its output.
  const examples = [...section.matchAll(/```js\n([\s\S]*?)```\n\nprints\n\n```\n([\s\S]*?)```/g)].map((match) => ({ code: match[1], printed: match[2] }));
  it('has the exact and the continuous example', () => expect(examples).toHaveLength(2));
  it.each(examples.map((example, index) => ({ index, ...example })))('example $index prints what the README says', ({ code, printed }) => {
    const body = code.replace(/^import .*$/gm, '');
    const lines: string[] = [];
    const fakeConsole = {
      log: (...values: unknown[]) =>
        lines.push(values.map((value) => (typeof value === 'string' ? value : inspectLike(value))).join(' ')),
    };
    new Function('parseConfig', 'problemFromConfig', 'solve', 'console', body)(parseConfig, problemFromConfig, solve, fakeConsole);
    expect(lines.join('\n').trim()).toBe(printed.trim());
  });
});

/** Node's console formatting for the values the example prints (numbers and a Float64Array). */
function inspectLike(value: unknown): string {
  if (value instanceof Float64Array) return `Float64Array(${value.length}) [\n${Array.from(value, (x) => `  ${x}`).join(',\n')}\n]`;
  return String(value);
}
