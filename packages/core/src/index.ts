export { createRng, restoreRng, deriveSeed } from './rng.js';
export type { Rng, RngState } from './rng.js';
export { erfc, normalCdf, normalPdf, truncatedNormal } from './normal.js';
export {
  zeros,
  identity,
  fromRows,
  toRows,
  get,
  cloneMat,
  toMlMatrix,
  fromMlMatrix,
  matmul,
  transpose,
  maxAbs,
} from './matrix.js';
export type { Mat } from './matrix.js';
export { expm } from './linalg/expm.js';
export { eigenvalues } from './linalg/eigenvalues.js';
export type { Eigenvalues } from './linalg/eigenvalues.js';
export { leadingSymmetricEigenpair } from './linalg/lanczos.js';
export type { SymmetricEigenpair } from './linalg/lanczos.js';
export { InvalidInputError, ProblemHasNoAnswerError, invalid, describeValue, closestWord } from './errors.js';
export { encodeNpy, decodeNpy } from './npy.js';
export type { NpyArray } from './npy.js';
export { SCHEMA_VERSION, resultEnvelope } from './envelope.js';
export type { ResultEnvelope, ResultKind } from './envelope.js';
export { encodeWorkerError, rebuildWorkerError } from './workerError.js';
export type { WorkerError } from './workerError.js';
export { VERSION } from './version.js';
