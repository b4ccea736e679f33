/// The index of the largest or smallest element along one axis (TensorFlow's `ArgMax`/`ArgMin`): the first
/// index among equal elements.
public enum ArgReduce {
    /// For a tensor viewed as `[outer, axis, inner]`, writes `output[o * inner + j]` = the index along the axis of
    /// the extreme element of `input[o, :, j]`; `axis` must be at least 1. `Index` is `Int32` or `Int64`.
    public static func apply<T: Comparable, Index: FixedWidthInteger>(
        largest: Bool, input: UnsafePointer<T>, outer: Int, axis: Int, inner: Int, output: UnsafeMutablePointer<Index>
    ) {
        precondition(axis >= 1, "ArgReduce: empty axis")
        let source = UnsafeRawPointer(input)
        // Concrete element types get specialised loops (see `Binary.apply`).
        if T.self == Float.self {
            ArgReduceLoop<Float, Index>.run(largest, source, outer, axis, inner, output)
        } else if T.self == Double.self {
            ArgReduceLoop<Double, Index>.run(largest, source, outer, axis, inner, output)
        } else if T.self == Int32.self {
            ArgReduceLoop<Int32, Index>.run(largest, source, outer, axis, inner, output)
        } else if T.self == Int64.self {
            ArgReduceLoop<Int64, Index>.run(largest, source, outer, axis, inner, output)
        } else {
            ArgReduceLoop<T, Index>.run(largest, source, outer, axis, inner, output)
        }
    }
}

/// The arg-reduction of one element and index type.
enum ArgReduceLoop<T: Comparable, Index: FixedWidthInteger> {
    static func run(_ largest: Bool, _ raw: UnsafeRawPointer, _ outer: Int, _ axis: Int, _ inner: Int,
                    _ output: UnsafeMutablePointer<Index>) {
        if largest {
            scan(raw.assumingMemoryBound(to: T.self), outer, axis, inner, output) { $0 > $1 }
        } else {
            scan(raw.assumingMemoryBound(to: T.self), outer, axis, inner, output) { $0 < $1 }
        }
    }

    /// `better(candidate, best)` is strict, so the first of equal elements wins.
    @inline(__always)
    private static func scan(_ input: UnsafePointer<T>, _ outer: Int, _ axis: Int, _ inner: Int,
                             _ output: UnsafeMutablePointer<Index>, _ better: (T, T) -> Bool) {
        guard inner > 0 else { return }
        if inner == 1 {
            for o in 0..<outer {
                let row = input + o * axis
                var best = row[0], index = 0
                for k in 1..<max(axis, 1) where better(row[k], best) {
                    best = row[k]
                    index = k
                }
                output[o] = Index(index)
            }
            return
        }
        withUnsafeTemporaryAllocation(of: T.self, capacity: inner) { buffer in
            guard let best = buffer.baseAddress else { return }
            for o in 0..<outer {
                let block = input + o * axis * inner
                let indices = output + o * inner
                best.initialize(from: block, count: inner)
                indices.update(repeating: 0, count: inner)
                for k in 1..<max(axis, 1) {
                    let row = block + k * inner
                    let position = Index(k)
                    for j in 0..<inner where better(row[j], best[j]) {
                        best[j] = row[j]
                        indices[j] = position
                    }
                }
                best.deinitialize(count: inner)
            }
        }
    }
}
