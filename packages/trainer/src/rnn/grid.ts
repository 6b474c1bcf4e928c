/**
 * The spatial embedding of model.md §12: units on an integer grid (5 x 5 x 4 for
 * the 100 units of the original), unit index running fastest along the last
 * axis, and D the Euclidean distances between their positions.
 */

/** Positions, `units x dims` row-major: unit u at the coordinates of its index in mixed radix `shape`. */
export function gridPositions(shape: readonly number[]): Float64Array {
  const units = shape.reduce((product, size) => product * size, 1);
  const dims = shape.length;
  const out = new Float64Array(units * dims);
  for (let unit = 0; unit < units; unit++) {
    let rest = unit;
    for (let axis = dims - 1; axis >= 0; axis--) {
      out[unit * dims + axis] = rest % shape[axis];
      rest = Math.floor(rest / shape[axis]);
    }
  }
  return out;
}

/** D, `units x units`: D[i][j] = |p_i - p_j| (0 on the diagonal). */
export function gridDistances(shape: readonly number[]): Float64Array {
  const positions = gridPositions(shape);
  const dims = shape.length;
  const units = positions.length / dims;
  const out = new Float64Array(units * units);
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < units; j++) {
      let sum = 0;
      for (let axis = 0; axis < dims; axis++) sum += (positions[i * dims + axis] - positions[j * dims + axis]) ** 2;
      out[i * units + j] = Math.sqrt(sum);
    }
  }
  return out;
}
