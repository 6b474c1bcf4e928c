/**
 * Dissimilarity of two loading distributions (model.md §14): the energy distance
 * between their p(m) (samples, count x R), 2 E|X - Y| - E|X - X'| - E|Y - Y'|
 * (zero iff the distributions agree), on at most `maxRows` evenly strided rows of each.
 */
export function energyDistance(x: Float64Array, y: Float64Array, rank: number, maxRows = 1500): number {
  const a = strided(x, rank, maxRows);
  const b = strided(y, rank, maxRows);
  return 2 * meanDistance(a, b, rank, false) - meanDistance(a, a, rank, true) - meanDistance(b, b, rank, true);
}

/**
 * Mean squared difference of two conditional means E[n|m] under samples of the
 * teacher's p(m) (count x R): `E_m |first(m) - second(m)|^2`.
 */
export function conditionalMeanDifference(
  m: Float64Array,
  rank: number,
  first: (m: Float64Array) => ArrayLike<number>,
  second: (m: Float64Array) => ArrayLike<number>,
): number {
  const count = m.length / rank;
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const point = m.subarray(j * rank, (j + 1) * rank);
    const a = first(point);
    const b = second(point);
    for (let r = 0; r < rank; r++) sum += (a[r] - b[r]) ** 2;
  }
  return sum / count;
}

function strided(x: Float64Array, rank: number, maxRows: number): Float64Array {
  const count = x.length / rank;
  if (count <= maxRows) return x;
  const stride = count / maxRows;
  const out = new Float64Array(maxRows * rank);
  for (let k = 0; k < maxRows; k++) out.set(x.subarray(Math.floor(k * stride) * rank, (Math.floor(k * stride) + 1) * rank), k * rank);
  return out;
}

/** Mean Euclidean distance over all pairs (excluding i = j within one sample, the U-statistic). */
function meanDistance(a: Float64Array, b: Float64Array, rank: number, same: boolean): number {
  const na = a.length / rank;
  const nb = b.length / rank;
  let sum = 0;
  for (let i = 0; i < na; i++) {
    for (let j = same ? i + 1 : 0; j < nb; j++) {
      let squared = 0;
      for (let r = 0; r < rank; r++) squared += (a[i * rank + r] - b[j * rank + r]) ** 2;
      sum += Math.sqrt(squared);
    }
  }
  return same ? sum / ((na * (na - 1)) / 2) : sum / (na * nb);
}
