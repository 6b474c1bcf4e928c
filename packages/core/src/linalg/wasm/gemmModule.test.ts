import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleGemmWat, gemmModuleSource } from '../../../scripts/assembleWasm.mjs';
import { GEMM_WASM_HEX } from './gemmModule.js';

describe('gemmModule.ts', () => {
  it('holds exactly a fresh assembly of gemm.wat (run `pnpm --filter @maxent/core build:wasm` after editing the WAT)', async () => {
    const text = readFileSync(fileURLToPath(new URL('./gemm.wat', import.meta.url)), 'utf8');
    const bytes = await assembleGemmWat(text);
    expect(GEMM_WASM_HEX).toBe(Buffer.from(bytes).toString('hex'));
    // And the file itself is what the build script writes.
    expect(readFileSync(fileURLToPath(new URL('./gemmModule.ts', import.meta.url)), 'utf8')).toBe(gemmModuleSource(bytes));
  });
});
