// The Web Worker: every computation of the viewer runs here, off the page's thread.
import { createRng, decodeWeightMatrix, encodeWorkerError, resultEnvelope } from '@maxent/core';
import { evaluateNetwork } from '@maxent/trainer';
import { exploreSettings } from './explore.js';
import { matrixPayload, openFile, openNetworks } from './openFile.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { transitionsSweep } from './transitions.js';
import { VIEWER_VERSIONS } from './versions.js';

const post = (message: WorkerResponse) => (self as unknown as { postMessage(message: WorkerResponse): void }).postMessage(message);

/** Progress reaches the page at most this often: the sampler reports every neuron, and each message costs the page a redraw of its status. */
const PROGRESS_INTERVAL_MS = 100;

function run(request: WorkerRequest): unknown {
  let last = performance.now();
  const progress = (value: { done: number; total: number }) => {
    const now = performance.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    post({ id: request.id, type: 'progress', progress: value });
  };
  switch (request.type) {
    case 'explore':
      return exploreSettings(request.state, { onProgress: progress });
    case 'transitions':
      return transitionsSweep(request.state, { onProgress: progress });
    case 'open':
      return openFile(request.name, new Uint8Array(request.bytes), request.id);
    case 'matrix':
      return matrixPayload(decodeWeightMatrix(new Uint8Array(request.bytes), request.name), request.communities);
    case 'evaluate': {
      const network = openNetworks.get(request.network);
      if (network === undefined) throw new Error(`network ${request.network} is no longer open in this worker`);
      const trials = 500;
      const evaluation = evaluateNetwork(network, { trials, stimulusStd: request.stimulusStd, rng: createRng(request.seed) });
      return {
        ...resultEnvelope('evaluation', { network: 'viewer', trials, stimulusStd: request.stimulusStd }, request.seed, VIEWER_VERSIONS),
        neurons: network.neurons,
        nonlinearity: network.nonlinearity,
        r2: evaluation.r2,
        mse: evaluation.mse,
        perContext: evaluation.perContext,
        linearized: evaluation.linearized,
      };
    }
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    post({ id: request.id, type: 'done', result: run(request) as never });
  } catch (error) {
    post({ id: request.id, type: 'failed', error: encodeWorkerError(error) });
  }
});
