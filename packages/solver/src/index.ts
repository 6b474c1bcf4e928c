export { conditionalGaussian, structuredAxis, selectivityIndex, outputWeightEnergy } from './conditional.js';
export type { ConditionalGaussian } from './conditional.js';
