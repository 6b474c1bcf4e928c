;; Dense products C += A B on row-major float64 matrices in linear memory, with
;; WebAssembly SIMD (f64x2). Assembled by scripts/build-wasm.mjs into
;; gemmModule.ts. Every address and stride is in bytes; A is read through a row
;; stride and a column stride, so one kernel serves A B and A^T B.
;;
;; Rounding order (the reason the JavaScript kernels of gemm.ts give the same
;; bits): every entry is summed as c_ij + a_i0 b_0j + a_i1 b_1j + ... in that
;; order, one f64 product and one f64 add per term, in the 4 x 4 register blocks
;; and the scalar edges alike. f64x2.mul and f64x2.add round each lane like
;; f64.mul and f64.add; there is no fused multiply-add (relaxed SIMD's is
;; machine-dependent), so the same inputs give the same bytes everywhere.

(module
  (import "env" "memory" (memory 1))

  ;; C[i][j] += sum_l A(i, l) B(l, j) one entry at a time, for i in [i0, i1),
  ;; j in [j0, j1): the edges the 4 x 4 blocks leave. A(i, l) sits at
  ;; a + i ars + l acs and B(l, j) at b + l brs + j bcs.
  (func $edge
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32) (param $k i32)
    (param $a i32) (param $ars i32) (param $acs i32)
    (param $b i32) (param $brs i32) (param $bcs i32)
    (param $c i32) (param $ldc i32)
    (local $i i32) (local $j i32) (local $l i32)
    (local $pa i32) (local $pb i32) (local $pc i32) (local $s f64)
    (local.set $i (local.get $i0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $i1)))
        (local.set $j (local.get $j0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $j1)))
            (local.set $pc
              (i32.add (local.get $c)
                (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $s (f64.load (local.get $pc)))
            (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
            (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $bcs))))
            (local.set $l (local.get $k))
            (loop $dot
              (local.set $s
                (f64.add (local.get $s) (f64.mul (f64.load (local.get $pa)) (f64.load (local.get $pb)))))
              (local.set $pa (i32.add (local.get $pa) (local.get $acs)))
              (local.set $pb (i32.add (local.get $pb) (local.get $brs)))
              (br_if $dot (local.tee $l (i32.sub (local.get $l) (i32.const 1)))))
            (f64.store (local.get $pc) (local.get $s))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; C (m x n, row stride ldc) += A B with A(i, l) at a + i ars + l acs (m x k)
  ;; and B (k x n) in rows of stride ldb. Blocks of 4 rows x 4 columns of C stay
  ;; in eight v128 accumulators over the whole sum; per term l, two loads of
  ;; B(l, j..j+3), four splats of A(i..i+3, l), eight multiplies and eight adds.
  ;; Requires m, n, k >= 1.
  (func (export "gemmStridedA")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $ars i32) (param $acs i32)
    (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32)
    (local $i i32) (local $j i32) (local $l i32) (local $m4 i32) (local $n4 i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (local $ars2 i32) (local $ars3 i32) (local $ldc2 i32) (local $ldc3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $ars2 (i32.shl (local.get $ars) (i32.const 1)))
    (local.set $ars3 (i32.add (local.get $ars2) (local.get $ars)))
    (local.set $ldc2 (i32.shl (local.get $ldc) (i32.const 1)))
    (local.set $ldc3 (i32.add (local.get $ldc2) (local.get $ldc)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $m4)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $n4)))
            (local.set $pc
              (i32.add (local.get $c)
                (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $c00 (v128.load align=8 (local.get $pc)))
            (local.set $c01 (v128.load offset=16 align=8 (local.get $pc)))
            (local.set $c10 (v128.load align=8 (i32.add (local.get $pc) (local.get $ldc))))
            (local.set $c11 (v128.load offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc))))
            (local.set $c20 (v128.load align=8 (i32.add (local.get $pc) (local.get $ldc2))))
            (local.set $c21 (v128.load offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc2))))
            (local.set $c30 (v128.load align=8 (i32.add (local.get $pc) (local.get $ldc3))))
            (local.set $c31 (v128.load offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc3))))
            (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $l (local.get $k))
            (loop $dot
              (local.set $b0 (v128.load align=8 (local.get $pb)))
              (local.set $b1 (v128.load offset=16 align=8 (local.get $pb)))
              (local.set $x (v128.load64_splat (local.get $pa)))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat (i32.add (local.get $pa) (local.get $ars))))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat (i32.add (local.get $pa) (local.get $ars2))))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat (i32.add (local.get $pa) (local.get $ars3))))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $pa (i32.add (local.get $pa) (local.get $acs)))
              (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
              (br_if $dot (local.tee $l (i32.sub (local.get $l) (i32.const 1)))))
            (v128.store align=8 (local.get $pc) (local.get $c00))
            (v128.store offset=16 align=8 (local.get $pc) (local.get $c01))
            (v128.store align=8 (i32.add (local.get $pc) (local.get $ldc)) (local.get $c10))
            (v128.store offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc)) (local.get $c11))
            (v128.store align=8 (i32.add (local.get $pc) (local.get $ldc2)) (local.get $c20))
            (v128.store offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc2)) (local.get $c21))
            (v128.store align=8 (i32.add (local.get $pc) (local.get $ldc3)) (local.get $c30))
            (v128.store offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc3)) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        (if (i32.lt_s (local.get $n4) (local.get $n))
          (then
            (call $edge (local.get $i) (i32.add (local.get $i) (i32.const 4)) (local.get $n4) (local.get $n) (local.get $k)
              (local.get $a) (local.get $ars) (local.get $acs)
              (local.get $b) (local.get $ldb) (i32.const 8)
              (local.get $c) (local.get $ldc))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    (if (i32.lt_s (local.get $m4) (local.get $m))
      (then
        (call $edge (local.get $m4) (local.get $m) (i32.const 0) (local.get $n) (local.get $k)
          (local.get $a) (local.get $ars) (local.get $acs)
          (local.get $b) (local.get $ldb) (i32.const 8)
          (local.get $c) (local.get $ldc)))))

  ;; C (m x n) += A B^T with A(i, l) at a + i ars + l acs and B (n x k) in rows
  ;; of stride ldb, so B^T(l, j) = B(j, l) at b + j ldb + l 8. The same 4 x 4
  ;; blocks as gemmStridedA; the pairs B^T(l, j..j+1) are gathered lane by lane.
  ;; Requires m, n, k >= 1.
  (func (export "gemmTransposedB")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $ars i32) (param $acs i32)
    (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32)
    (local $i i32) (local $j i32) (local $l i32) (local $m4 i32) (local $n4 i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (local $ars2 i32) (local $ars3 i32) (local $ldc2 i32) (local $ldc3 i32) (local $ldb2 i32) (local $ldb3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $ars2 (i32.shl (local.get $ars) (i32.const 1)))
    (local.set $ars3 (i32.add (local.get $ars2) (local.get $ars)))
    (local.set $ldc2 (i32.shl (local.get $ldc) (i32.const 1)))
    (local.set $ldc3 (i32.add (local.get $ldc2) (local.get $ldc)))
    (local.set $ldb2 (i32.shl (local.get $ldb) (i32.const 1)))
    (local.set $ldb3 (i32.add (local.get $ldb2) (local.get $ldb)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $m4)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $n4)))
            (local.set $pc
              (i32.add (local.get $c)
                (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $c00 (v128.load align=8 (local.get $pc)))
            (local.set $c01 (v128.load offset=16 align=8 (local.get $pc)))
            (local.set $c10 (v128.load align=8 (i32.add (local.get $pc) (local.get $ldc))))
            (local.set $c11 (v128.load offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc))))
            (local.set $c20 (v128.load align=8 (i32.add (local.get $pc) (local.get $ldc2))))
            (local.set $c21 (v128.load offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc2))))
            (local.set $c30 (v128.load align=8 (i32.add (local.get $pc) (local.get $ldc3))))
            (local.set $c31 (v128.load offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc3))))
            (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
            (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $ldb))))
            (local.set $l (local.get $k))
            (loop $dot
              (local.set $b0
                (v128.load64_lane 1 (i32.add (local.get $pb) (local.get $ldb)) (v128.load64_zero (local.get $pb))))
              (local.set $b1
                (v128.load64_lane 1 (i32.add (local.get $pb) (local.get $ldb3))
                  (v128.load64_zero (i32.add (local.get $pb) (local.get $ldb2)))))
              (local.set $x (v128.load64_splat (local.get $pa)))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat (i32.add (local.get $pa) (local.get $ars))))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat (i32.add (local.get $pa) (local.get $ars2))))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load64_splat (i32.add (local.get $pa) (local.get $ars3))))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
              (local.set $pa (i32.add (local.get $pa) (local.get $acs)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 8)))
              (br_if $dot (local.tee $l (i32.sub (local.get $l) (i32.const 1)))))
            (v128.store align=8 (local.get $pc) (local.get $c00))
            (v128.store offset=16 align=8 (local.get $pc) (local.get $c01))
            (v128.store align=8 (i32.add (local.get $pc) (local.get $ldc)) (local.get $c10))
            (v128.store offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc)) (local.get $c11))
            (v128.store align=8 (i32.add (local.get $pc) (local.get $ldc2)) (local.get $c20))
            (v128.store offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc2)) (local.get $c21))
            (v128.store align=8 (i32.add (local.get $pc) (local.get $ldc3)) (local.get $c30))
            (v128.store offset=16 align=8 (i32.add (local.get $pc) (local.get $ldc3)) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        (if (i32.lt_s (local.get $n4) (local.get $n))
          (then
            (call $edge (local.get $i) (i32.add (local.get $i) (i32.const 4)) (local.get $n4) (local.get $n) (local.get $k)
              (local.get $a) (local.get $ars) (local.get $acs)
              (local.get $b) (i32.const 8) (local.get $ldb)
              (local.get $c) (local.get $ldc))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    (if (i32.lt_s (local.get $m4) (local.get $m))
      (then
        (call $edge (local.get $m4) (local.get $m) (i32.const 0) (local.get $n) (local.get $k)
          (local.get $a) (local.get $ars) (local.get $acs)
          (local.get $b) (i32.const 8) (local.get $ldb)
          (local.get $c) (local.get $ldc))))))
