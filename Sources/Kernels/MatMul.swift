/// General float32 matrix product with transpose flags, for MatMul nodes whose operands are both runtime values.
public enum MatMul {
    /// `C[M, N] = op(A) * op(B)` with row-major storage.
    ///
    /// `A` is stored `[M, K]` (or `[K, M]` when `transposeA`), `B` is stored `[K, N]` (or `[N, K]` when
    /// `transposeB`). `m`, `n`, `k` must be in `0 ... Int32.max`; `c` must not overlap `a` or `b`.
    /// Large products are split into shape-determined blocks on `context`'s threads (results do not depend on
    /// the thread count).
    public static func run(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                           m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool,
                           context: ComputeContext = .singleThreaded) {
        precondition(m >= 0 && n >= 0 && k >= 0, "MatMul: negative dimension")
        precondition(m <= Int(Int32.max) && n <= Int(Int32.max) && k <= Int(Int32.max), "MatMul: dimension exceeds Int32")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.update(repeating: 0, count: m * n)
            return
        }
        BlockedGEMM.run(a: a, b: b, c: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                        context: context) { _, _, _, _ in }
    }
}
