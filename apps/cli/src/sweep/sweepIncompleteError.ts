/**
 * A sweep that cannot be merged yet: points are missing or failed. The message
 * lists them (failed ones with their error); `maxent` exits 4, so a script or an
 * aggregation job tells "not finished" from bad input (2) and a crash (1).
 */
export class SweepIncompleteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepIncompleteError';
  }
}
