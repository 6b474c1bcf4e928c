// architecture.md: every package except Node-only subpaths runs in a browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const source = new URL('../src/', import.meta.url).pathname;

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

describe('browser safety', () => {
  it.each(files(source).map((file) => [file.slice(source.length), file]))('%s imports no node: module and uses no process, Buffer or document', (_, file) => {
    const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(text).not.toMatch(/from ['"]node:/);
    expect(text).not.toMatch(/\bprocess\.|\bBuffer\b|\bdocument\.|\bwindow\./);
    expect(text).not.toMatch(/Math\.random/);
  });
});
