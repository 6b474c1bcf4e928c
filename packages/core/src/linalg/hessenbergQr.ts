/**
 * Eigenvalues only of a real square matrix, on a row-major Float64Array (for
 * the spectral measures of model.md §11). Reduction to upper Hessenberg form,
 * then the Francis double-shift QR iteration restricted to the active window
 * (the EISPACK `elmhes` + `hqr` route; Golub & Van Loan, Matrix Computations,
 * §7.4-7.5). ml-matrix's EigenvalueDecomposition runs the same iteration but
 * also accumulates eigenvectors through one array per row, which costs about
 * 3 s at n = 500 against the ~0.5 s budget for all the weight-matrix measures.
 */

const EPSILON = 2 ** -52;
const MAX_ITERATIONS_PER_EIGENVALUE = 30;
/** Steps of the bulge chase applied together away from the bulge (see applyGroup). */
const GROUP = 4;

/**
 * Overwrites `a` (n x n) and fills `real`, `imaginary` with its eigenvalues
 * (conjugate pairs adjacent, positive imaginary part second). Returns false if
 * the QR iteration did not converge (the caller falls back to a dense solver).
 */
export function hessenbergQrEigenvalues(a: Float64Array, n: number, real: Float64Array, imaginary: Float64Array): boolean {
  reduceToHessenberg(a, n);
  return hessenbergEigenvalues(a, n, real, imaginary);
}

/**
 * Reduction to upper Hessenberg form by stabilised elementary similarity
 * transforms (Gaussian elimination with pivoting, EISPACK `elmhes`): half the
 * work of Householder reflections, and the usual choice when only eigenvalues
 * are wanted (Wilkinson; Numerical Recipes §11.5). All row operations of a step
 * are done first, then the column operations as one dot product per row, so
 * every inner loop walks contiguous memory.
 */
function reduceToHessenberg(a: Float64Array, n: number): void {
  const y = new Float64Array(n);
  for (let m = 1; m < n - 1; m++) {
    let pivot = m;
    let x = 0;
    for (let i = m; i < n; i++) {
      const value = a[i * n + m - 1];
      if (Math.abs(value) > Math.abs(x)) {
        x = value;
        pivot = i;
      }
    }
    if (pivot !== m) {
      const rowP = pivot * n;
      const rowM = m * n;
      for (let j = m - 1; j < n; j++) {
        const t = a[rowP + j];
        a[rowP + j] = a[rowM + j];
        a[rowM + j] = t;
      }
      for (let j = 0; j < n; j++) {
        const row = j * n;
        const t = a[row + pivot];
        a[row + pivot] = a[row + m];
        a[row + m] = t;
      }
    }
    if (x === 0) continue;
    const rowM = m * n;
    let any = false;
    for (let i = m + 1; i < n; i++) {
      const row = i * n;
      const multiplier = a[row + m - 1] / x;
      y[i] = multiplier;
      a[row + m - 1] = 0;
      if (multiplier !== 0) any = true;
    }
    if (!any) continue;
    // Row operations (rows m+1.. -= y_i * row m) and column operations
    // (column m += sum_i y_i column i) in one pass over the rows below m: each
    // row is updated and then, while still in cache, dotted with y. The matrix
    // (2 MB at n = 500) does not stay in L2, so one pass instead of two
    // matters. Row m itself is read by the row operations, so the rows 0..m,
    // which take the column operations only, come after. Four rows at a time
    // share the loads of row m and of y. A zero multiplier leaves a row
    // unchanged (finite entries), so no test is needed inside the loops.
    let i = m + 1;
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      const y0 = y[i];
      const y1 = y[i + 1];
      const y2 = y[i + 2];
      const y3 = y[i + 3];
      const head = a[rowM + m];
      a[r0 + m] -= y0 * head;
      a[r1 + m] -= y1 * head;
      a[r2 + m] -= y2 * head;
      a[r3 + m] -= y3 * head;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = m + 1; j < n; j++) {
        const v = a[rowM + j];
        const yj = y[j];
        const w0 = a[r0 + j] - y0 * v;
        const w1 = a[r1 + j] - y1 * v;
        const w2 = a[r2 + j] - y2 * v;
        const w3 = a[r3 + j] - y3 * v;
        a[r0 + j] = w0;
        a[r1 + j] = w1;
        a[r2 + j] = w2;
        a[r3 + j] = w3;
        s0 += yj * w0;
        s1 += yj * w1;
        s2 += yj * w2;
        s3 += yj * w3;
      }
      a[r0 + m] += s0;
      a[r1 + m] += s1;
      a[r2 + m] += s2;
      a[r3 + m] += s3;
    }
    for (; i < n; i++) {
      const row = i * n;
      const multiplier = y[i];
      a[row + m] -= multiplier * a[rowM + m];
      let s = 0;
      for (let j = m + 1; j < n; j++) {
        const w = a[row + j] - multiplier * a[rowM + j];
        a[row + j] = w;
        s += y[j] * w;
      }
      a[row + m] += s;
    }
    let j = 0;
    for (; j + 3 <= m; j += 4) {
      const r0 = j * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = m + 1; k < n; k++) {
        const yk = y[k];
        s0 += yk * a[r0 + k];
        s1 += yk * a[r1 + k];
        s2 += yk * a[r2 + k];
        s3 += yk * a[r3 + k];
      }
      a[r0 + m] += s0;
      a[r1 + m] += s1;
      a[r2 + m] += s2;
      a[r3 + m] += s3;
    }
    for (; j <= m; j++) {
      const row = j * n;
      let s = 0;
      for (let k = m + 1; k < n; k++) s += y[k] * a[row + k];
      a[row + m] += s;
    }
  }
}

/** Francis double-shift QR on an upper Hessenberg matrix, eigenvalues only. */
function hessenbergEigenvalues(a: Float64Array, n: number, real: Float64Array, imaginary: Float64Array): boolean {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(a[i * n + j]);
  }
  // Reflectors (x, y, z, q, r) of the current group of bulge-chase steps.
  const coefficients = new Float64Array(5 * GROUP);
  let shift = 0;
  let last = n - 1;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let w = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  while (last >= 0) {
    let iterations = 0;
    let l: number;
    do {
      // Deflate at the lowest negligible subdiagonal entry.
      for (l = last; l >= 1; l--) {
        s = Math.abs(a[(l - 1) * n + l - 1]) + Math.abs(a[l * n + l]);
        if (s === 0) s = norm;
        if (Math.abs(a[l * n + l - 1]) <= EPSILON * s) {
          a[l * n + l - 1] = 0;
          break;
        }
      }
      x = a[last * n + last];
      if (l === last) {
        real[last] = x + shift;
        imaginary[last] = 0;
        last--;
      } else {
        y = a[(last - 1) * n + last - 1];
        w = a[last * n + last - 1] * a[(last - 1) * n + last];
        if (l === last - 1) {
          // A trailing 2 x 2 block: its two eigenvalues in closed form.
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += shift;
          if (q >= 0) {
            z = p + (p >= 0 ? z : -z);
            real[last - 1] = x + z;
            real[last] = z !== 0 ? x - w / z : x + z;
            imaginary[last - 1] = 0;
            imaginary[last] = 0;
          } else {
            real[last - 1] = x + p;
            real[last] = x + p;
            imaginary[last - 1] = -z;
            imaginary[last] = z;
          }
          last -= 2;
        } else {
          if (iterations === MAX_ITERATIONS_PER_EIGENVALUE) return false;
          if (iterations === 10 || iterations === 20) {
            // Exceptional shift (EISPACK) to break cycles.
            shift += x;
            for (let i = 0; i <= last; i++) a[i * n + i] -= x;
            s = Math.abs(a[last * n + last - 1]) + Math.abs(a[(last - 1) * n + last - 2]);
            x = 0.75 * s;
            y = x;
            w = -0.4375 * s * s;
          }
          iterations++;
          // Look for two consecutive small subdiagonal entries to start the bulge.
          let m: number;
          for (m = last - 2; m >= l; m--) {
            z = a[m * n + m];
            r = x - z;
            s = y - z;
            p = (r * s - w) / a[(m + 1) * n + m] + a[m * n + m + 1];
            q = a[(m + 1) * n + m + 1] - z - r - s;
            r = a[(m + 2) * n + m + 1];
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const left = Math.abs(a[m * n + m - 1]) * (Math.abs(q) + Math.abs(r));
            const right = Math.abs(p) * (Math.abs(a[(m - 1) * n + m - 1]) + Math.abs(z) + Math.abs(a[(m + 1) * n + m + 1]));
            if (left <= EPSILON * right) break;
          }
          for (let i = m + 2; i <= last; i++) {
            a[i * n + i - 2] = 0;
            if (i !== m + 2) a[i * n + i - 3] = 0;
          }
          // Double QR step on rows l..last, chasing the bulge down. The
          // three-row steps go in groups of up to GROUP (see applyGroup): each
          // step is applied at once only where a later step of its group reads
          // or also changes entries, the rest of the group in one pass.
          let k = m;
          const c = coefficients;
          while (k <= last - 1) {
            const notLast = k !== last - 1;
            let size: number;
            if (k === m) {
              // The first step reflects the shift polynomial's column (p, q, r) from above.
              size = reflector(p, q, r, c, 0);
              if (size !== 0 && l !== m) a[k * n + k - 1] = -a[k * n + k - 1];
            } else {
              size = reflectorOfColumn(a, n, k, notLast, c, 0);
            }
            if (size === 0) {
              k++;
              continue;
            }
            if (!notLast) {
              // The last step of a sweep moves two rows only.
              x = c[0];
              y = c[1];
              q = c[3];
              const row0 = k * n;
              const row1 = row0 + n;
              for (let j = k; j <= last; j++) {
                const t = a[row0 + j] + q * a[row1 + j];
                a[row0 + j] -= t * x;
                a[row1 + j] -= t * y;
              }
              for (let i = l; i <= last; i++) {
                const row = i * n + k;
                const t = x * a[row] + y * a[row + 1];
                a[row] -= t;
                a[row + 1] -= t * q;
              }
              k++;
              continue;
            }
            // A group of three-row steps k, k+1, ...: step k + g touches rows
            // k+g..k+g+2 (columns k+g..last) and columns k+g..k+g+2 (rows
            // l..k+g+3). Done at once: each step's rows up to column `near`
            // and its columns from row k down, which covers everything a later
            // step of the group reads or also changes, in the original order.
            // Left for applyGroup: columns after `near` (only row operations
            // touch them) and rows above k (only column operations).
            const near = Math.min(last, k + GROUP + 2);
            reflectRows(a, n, k, k, near, c[0], c[1], c[2], c[3], c[4]);
            reflectColumns(a, n, k, k, Math.min(last, k + 3), c[0], c[1], c[2], c[3], c[4]);
            let g = 1;
            for (; g < GROUP; g++) {
              const kk = k + g;
              const o = 5 * g;
              // The two-row last step, and a step that does nothing, end the group.
              if (kk > last - 2 || reflectorOfColumn(a, n, kk, true, c, o) === 0) break;
              reflectRows(a, n, kk, kk, near, c[o], c[o + 1], c[o + 2], c[o + 3], c[o + 4]);
              reflectColumns(a, n, kk, k, Math.min(last, kk + 3), c[o], c[o + 1], c[o + 2], c[o + 3], c[o + 4]);
            }
            applyGroup(a, n, k, g, l, near + 1, last, c);
            k += g;
          }
        }
      }
    } while (l < last - 1);
  }
  return true;
}

/**
 * The reflector of a double QR step from its column (p, q, r): stores EISPACK
 * hqr's (x, y, z, q, r) = ((p + s) / s, q / s, r / s, q / (p + s), r / (p + s))
 * at c[o..o+4], s = sign(p) |(p, q, r)|, and returns s (0: nothing to reflect,
 * c untouched).
 */
function reflector(p: number, q: number, r: number, c: Float64Array, o: number): number {
  let s = Math.sqrt(p * p + q * q + r * r);
  if (p < 0) s = -s;
  if (s === 0) return 0;
  p += s;
  c[o] = p / s;
  c[o + 1] = q / s;
  c[o + 2] = r / s;
  c[o + 3] = q / p;
  c[o + 4] = r / p;
  return s;
}

/**
 * The reflector of step k (k > the sweep's first) from the bulge in column
 * k-1, rows k..k+2 (k..k+1 when `three` is false, at the end of a sweep),
 * scaled by its 1-norm first; sets the new subdiagonal entry a[k, k-1]. Returns
 * {@link reflector}'s s (0: the bulge vanished, nothing changed).
 */
function reflectorOfColumn(a: Float64Array, n: number, k: number, three: boolean, c: Float64Array, o: number): number {
  let p = a[k * n + k - 1];
  let q = a[(k + 1) * n + k - 1];
  let r = three ? a[(k + 2) * n + k - 1] : 0;
  const scale = Math.abs(p) + Math.abs(q) + Math.abs(r);
  if (scale !== 0) {
    p /= scale;
    q /= scale;
    r /= scale;
  }
  const s = reflector(p, q, r, c, o);
  if (s !== 0) a[k * n + k - 1] = -s * scale;
  return s;
}

/** Rows k..k+2 over columns [from, to] (inclusive) by the reflector (x, y, z; q, r) of a QR step. */
function reflectRows(a: Float64Array, n: number, k: number, from: number, to: number, x: number, y: number, z: number, q: number, r: number): void {
  const row0 = k * n;
  const row1 = row0 + n;
  const row2 = row1 + n;
  for (let j = from; j <= to; j++) {
    const t = a[row0 + j] + q * a[row1 + j] + r * a[row2 + j];
    a[row0 + j] -= t * x;
    a[row1 + j] -= t * y;
    a[row2 + j] -= t * z;
  }
}

/** Columns k..k+2 over rows [from, to] (inclusive) by the same reflector. */
function reflectColumns(a: Float64Array, n: number, k: number, from: number, to: number, x: number, y: number, z: number, q: number, r: number): void {
  for (let i = from; i <= to; i++) {
    const row = i * n + k;
    const t = x * a[row] + y * a[row + 1] + z * a[row + 2];
    a[row] -= t;
    a[row + 1] -= t * q;
    a[row + 2] -= t * r;
  }
}

/**
 * The rest of `g` consecutive three-row steps k..k+g-1 of the bulge chase
 * (reflectors in `c`, five numbers each), once each has been applied where a
 * later one reads: rows k..k+g+1 over columns [from, last] and columns
 * k..k+g+1 over rows [l, k-1]. Each entry sees the same operations in the same
 * order as with one step at a time, so the result is the same to the bit. A
 * full group of four is fused (quadStep): each entry is loaded and stored once
 * per group rather than once per step, and these loops are most of the QR
 * iteration. A shorter group (at the end of a sweep, or cut by a step with
 * nothing to reflect: rare) goes step by step.
 */
function applyGroup(a: Float64Array, n: number, k: number, g: number, l: number, from: number, last: number, c: Float64Array): void {
  if (g === 4) {
    quadStep(a, n, k, from, last, l, c);
    return;
  }
  for (let step = 0; step < g; step++) {
    const o = 5 * step;
    reflectRows(a, n, k + step, from, last, c[o], c[o + 1], c[o + 2], c[o + 3], c[o + 4]);
    reflectColumns(a, n, k + step, l, k - 1, c[o], c[o + 1], c[o + 2], c[o + 3], c[o + 4]);
  }
}

/**
 * Four steps (reflectors in c[0..19]) on rows k..k+5 over columns [from, last],
 * then on columns k..k+5 over rows [l, k). Unrolled by hand, with the twenty
 * coefficients in locals, which V8 keeps in registers only this way: the fused
 * passes are what make the grouping pay.
 */
function quadStep(a: Float64Array, n: number, k: number, from: number, last: number, l: number, c: Float64Array): void {
  const x0 = c[0];
  const y0 = c[1];
  const z0 = c[2];
  const q0 = c[3];
  const r0 = c[4];
  const x1 = c[5];
  const y1 = c[6];
  const z1 = c[7];
  const q1 = c[8];
  const r1 = c[9];
  const x2 = c[10];
  const y2 = c[11];
  const z2 = c[12];
  const q2 = c[13];
  const r2 = c[14];
  const x3 = c[15];
  const y3 = c[16];
  const z3 = c[17];
  const q3 = c[18];
  const r3 = c[19];
  const row0 = k * n;
  const row1 = row0 + n;
  const row2 = row1 + n;
  const row3 = row2 + n;
  const row4 = row3 + n;
  const row5 = row4 + n;
  for (let j = from; j <= last; j++) {
    let v0 = a[row0 + j];
    let v1 = a[row1 + j];
    let v2 = a[row2 + j];
    let v3 = a[row3 + j];
    let t = v0 + q0 * v1 + r0 * v2;
    v0 -= t * x0;
    v1 -= t * y0;
    v2 -= t * z0;
    a[row0 + j] = v0;
    let v4 = a[row4 + j];
    t = v1 + q1 * v2 + r1 * v3;
    v1 -= t * x1;
    v2 -= t * y1;
    v3 -= t * z1;
    a[row1 + j] = v1;
    let v5 = a[row5 + j];
    t = v2 + q2 * v3 + r2 * v4;
    v2 -= t * x2;
    v3 -= t * y2;
    v4 -= t * z2;
    a[row2 + j] = v2;
    t = v3 + q3 * v4 + r3 * v5;
    v3 -= t * x3;
    v4 -= t * y3;
    v5 -= t * z3;
    a[row3 + j] = v3;
    a[row4 + j] = v4;
    a[row5 + j] = v5;
  }
  for (let i = l; i < k; i++) {
    const row = i * n + k;
    let c0 = a[row];
    let c1 = a[row + 1];
    let c2 = a[row + 2];
    let c3 = a[row + 3];
    let t = x0 * c0 + y0 * c1 + z0 * c2;
    c0 -= t;
    c1 -= t * q0;
    c2 -= t * r0;
    a[row] = c0;
    let c4 = a[row + 4];
    t = x1 * c1 + y1 * c2 + z1 * c3;
    c1 -= t;
    c2 -= t * q1;
    c3 -= t * r1;
    a[row + 1] = c1;
    let c5 = a[row + 5];
    t = x2 * c2 + y2 * c3 + z2 * c4;
    c2 -= t;
    c3 -= t * q2;
    c4 -= t * r2;
    a[row + 2] = c2;
    t = x3 * c3 + y3 * c4 + z3 * c5;
    c3 -= t;
    c4 -= t * q3;
    c5 -= t * r3;
    a[row + 3] = c3;
    a[row + 4] = c4;
    a[row + 5] = c5;
  }
}
