/**
 * Eigenvalues only of a real square matrix, on a row-major Float64Array
 * (model.md §11 spectral measures). Reduction to upper Hessenberg form, then the
 * Francis double-shift QR iteration restricted to the active window (the EISPACK
 * `elmhes` + `hqr` route; Golub & Van Loan, Matrix Computations, §7.4-7.5). ml-matrix's EigenvalueDecomposition runs the same
 * iteration but also accumulates eigenvectors through one array per row, which
 * costs about 3 s at n = 500 against the ~0.5 s budget for all measures.
 */

const EPSILON = 2 ** -52;
const MAX_ITERATIONS_PER_EIGENVALUE = 30;

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
      if (multiplier === 0) continue;
      any = true;
      for (let j = m; j < n; j++) a[row + j] -= multiplier * a[rowM + j];
    }
    if (!any) continue;
    for (let j = 0; j < n; j++) {
      const row = j * n;
      let s0 = 0;
      let s1 = 0;
      let i = m + 1;
      for (; i + 1 < n; i += 2) {
        s0 += y[i] * a[row + i];
        s1 += y[i + 1] * a[row + i + 1];
      }
      if (i < n) s0 += y[i] * a[row + i];
      a[row + m] += s0 + s1;
    }
  }
}

/** Francis double-shift QR on an upper Hessenberg matrix, eigenvalues only. */
function hessenbergEigenvalues(a: Float64Array, n: number, real: Float64Array, imaginary: Float64Array): boolean {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(a[i * n + j]);
  }
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
          // Double QR step on rows l..last, chasing the bulge down.
          for (let k = m; k <= last - 1; k++) {
            const notLast = k !== last - 1;
            if (k !== m) {
              p = a[k * n + k - 1];
              q = a[(k + 1) * n + k - 1];
              r = notLast ? a[(k + 2) * n + k - 1] : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = Math.sqrt(p * p + q * q + r * r);
            if (p < 0) s = -s;
            if (s === 0) continue;
            if (k === m) {
              if (l !== m) a[k * n + k - 1] = -a[k * n + k - 1];
            } else {
              a[k * n + k - 1] = -s * x;
            }
            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            const row0 = k * n;
            const row1 = row0 + n;
            const row2 = row1 + n;
            for (let j = k; j <= last; j++) {
              let t = a[row0 + j] + q * a[row1 + j];
              if (notLast) {
                t += r * a[row2 + j];
                a[row2 + j] -= t * z;
              }
              a[row1 + j] -= t * y;
              a[row0 + j] -= t * x;
            }
            const end = Math.min(last, k + 3);
            for (let i = l; i <= end; i++) {
              const row = i * n;
              let t = x * a[row + k] + y * a[row + k + 1];
              if (notLast) {
                t += z * a[row + k + 2];
                a[row + k + 2] -= t * r;
              }
              a[row + k + 1] -= t * q;
              a[row + k] -= t;
            }
          }
        }
      }
    } while (l < last - 1);
  }
  return true;
}
