/** Types of assembleWasm.mjs, for the drift test. */
export declare function assembleGemmWat(text: string): Promise<Uint8Array>;
export declare function gemmModuleSource(bytes: Uint8Array): string;
