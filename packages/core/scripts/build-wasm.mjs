// Assembles src/linalg/wasm/gemm.wat with wabt (a build dependency only) and
// writes the bytes as hex into src/linalg/wasm/gemmModule.ts, which is committed:
// the package then builds with plain tsc and loads the kernel without a file
// system. `pnpm --filter @maxent/core build:wasm` after editing the WAT;
// gemmModule.test.ts fails if the committed bytes drift from a fresh assembly.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleGemmWat, gemmModuleSource } from './assembleWasm.mjs';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'linalg', 'wasm');
const bytes = await assembleGemmWat(readFileSync(join(folder, 'gemm.wat'), 'utf8'));
writeFileSync(join(folder, 'gemmModule.ts'), gemmModuleSource(bytes));
console.log(`gemmModule.ts: ${bytes.length} bytes of WebAssembly`);
