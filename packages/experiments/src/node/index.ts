// Node-only parts of @maxent/experiments: worker threads and point files.
export { createThreadExecutor, workerExecArgv, workerFile } from './threadExecutor.js';
export type { ThreadExecutorOptions } from './threadExecutor.js';
export { createFileStore, pointsFolderOf } from './fileStore.js';
