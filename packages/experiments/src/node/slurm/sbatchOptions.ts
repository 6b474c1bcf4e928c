import { InvalidInputError } from '@maxent/core';

/** Options the generated scripts set themselves: passing them through would contradict the scripts. */
const RESERVED = ['--array', '-a', '--dependency', '-d', '--parsable', '--output', '-o', '--error', '-e', '--chdir', '-D', '--wrap'];

/**
 * `--sbatch "--partition=x --time=1:00:00"`: the options in the text, split on
 * white space as a shell would (double or single quotes group a value with
 * spaces), each written as one `#SBATCH` line: `--name=value`, `--name value`
 * (joined with =), `-p value`, or a flag. None of those the scripts set (array,
 * dependency, output, chdir): errors name `--sbatch`.
 */
export function parseSbatchOptions(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== null) throw new InvalidInputError('--sbatch', `invalid \`--sbatch\`: unclosed ${quote} in ${JSON.stringify(text)}`);
  if (inWord) words.push(word);
  // A word that is not an option is the value of the option before it: `--time 1:00:00`, `-p short`.
  const options: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const option = words[i];
    if (!option.startsWith('-')) {
      throw new InvalidInputError('--sbatch', `invalid \`--sbatch\`: every word must be an sbatch option (--partition=x, --partition x or -p x), got ${JSON.stringify(option)}`);
    }
    if (/[\n\r]/.test(option)) throw new InvalidInputError('--sbatch', `invalid \`--sbatch\`: an option cannot hold a line break, got ${JSON.stringify(option)}`);
    const name = option.startsWith('--') ? option.split('=')[0] : option.slice(0, 2);
    if (RESERVED.includes(name)) {
      throw new InvalidInputError('--sbatch', `invalid \`--sbatch\`: ${name} is set by maxent itself (use --max-array, --chunk; logs go to <out>.slurm/logs/), got ${JSON.stringify(option)}`);
    }
    const value = words[i + 1];
    const takesValue = value !== undefined && !value.startsWith('-') && (option.startsWith('--') ? !option.includes('=') : option.length === 2);
    if (!takesValue) {
      options.push(option);
      continue;
    }
    i++;
    if (option.startsWith('--')) options.push(`${option}=${value}`);
    else if (/\s/.test(value)) throw new InvalidInputError('--sbatch', `invalid \`--sbatch\`: write a value with spaces as --long-name="..." , got ${option} ${JSON.stringify(value)}`);
    else options.push(`${option} ${value}`);
  }
  return options;
}
