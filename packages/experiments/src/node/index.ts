// Node-only parts of @maxent/experiments: worker threads, point files, SLURM job arrays.
export { createThreadExecutor, workerExecArgv, workerFile } from './threadExecutor.js';
export type { ThreadExecutorOptions } from './threadExecutor.js';
export { createFileStore, pointsFolderOf } from './fileStore.js';
// SLURM job arrays: manifest, sbatch scripts, array tasks, status (README "Running on a cluster").
export { createManifest, parseManifest, taskPoints, MANIFEST_SCHEMA_VERSION } from './slurm/manifest.js';
export type { SweepManifest, ManifestPoint, ManifestParts, TaskCommand, SchedulerSettings } from './slurm/manifest.js';
export { arrayRange, arrayScript, mergeScript } from './slurm/sbatchScripts.js';
export type { SbatchScriptOptions } from './slurm/sbatchScripts.js';
export { parseSbatchOptions } from './slurm/sbatchOptions.js';
export { shellQuote, sbatchPath } from './slurm/quoting.js';
export { createFailureRecords } from './slurm/failureRecords.js';
export type { PointFailure, FailureRecords } from './slurm/failureRecords.js';
export { runSweepTask } from './slurm/sweepTask.js';
export type { SweepTaskOptions, SweepTaskOutcome, TaskPointReport } from './slurm/sweepTask.js';
export { createSlurmClient } from './slurm/slurmClient.js';
export type { SlurmClient } from './slurm/slurmClient.js';
export { slurmFolderOf, submissionFiles, readManifests, readSubmittedJobs } from './slurm/layout.js';
export type { SubmissionFiles, SubmittedJobs } from './slurm/layout.js';
export { submitSlurmSweep } from './slurm/submitSweep.js';
export type { SlurmSubmitOptions, SlurmSubmission } from './slurm/submitSweep.js';
export { sweepStatus } from './slurm/sweepStatus.js';
export type { SweepStatus, PointStatus, PointState, StatusOptions } from './slurm/sweepStatus.js';
