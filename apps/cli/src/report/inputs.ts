import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '@maxent/core';
import type { CliIO } from '../context.js';
import { readJsonFile, resolvePath } from '../io.js';
import type { ResultInput } from './sections.js';

/**
 * The result files named by INPUTS: files as given, folders as their `.json`
 * files in name order. Each is parsed here, so a broken file stops the report
 * with an error naming it (exit 2) before anything is written.
 */
export function readReportInputs(io: CliIO, inputs: readonly string[]): ResultInput[] {
  const paths: string[] = [];
  for (const input of inputs) {
    let isFolder = false;
    try {
      isFolder = statSync(resolvePath(io, input)).isDirectory();
    } catch {
      throw new InvalidInputError('INPUTS', `invalid \`INPUTS\`: ${input}: no such file or folder`);
    }
    if (!isFolder) {
      paths.push(input);
      continue;
    }
    const names = readdirSync(resolvePath(io, input))
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort();
    if (names.length === 0) throw new InvalidInputError('INPUTS', `invalid \`INPUTS\`: the folder ${input} holds no .json file`);
    paths.push(...names.map((name) => join(input, name)));
  }
  return paths.map((path) => ({ name: path, data: readJsonFile(io, path, 'INPUTS') }));
}
