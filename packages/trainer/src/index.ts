export { networkToFields, networkFromFields } from './network.js';
export type { Network, NetworkFields } from './network.js';
