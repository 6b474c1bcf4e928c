import { runPointTask } from '../executor.js';

/**
 * The piscina worker (one per thread): runs one sweep point and returns its
 * outcome as data (errors included, see runPointTask). Worker threads run plain
 * Node, so they load this file's built JavaScript, dist/node/worker.js, and the
 * packages' dist: run `pnpm build` first (the root `pnpm test` does).
 */
export default runPointTask;
