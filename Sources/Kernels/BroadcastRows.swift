/// The innermost contiguous runs ("rows") of a NumPy broadcast over three operands, for kernels whose element
/// types differ between operands (comparisons, select). Unit output dimensions are dropped and neighbouring
/// dimensions with the same broadcast pattern merged, so equal shapes and scalars become one long row.
struct BroadcastRows {
    /// The merged output dimensions.
    private var dims: [Int] = []
    /// Per merged dimension, each operand's element stride (0 where it broadcasts).
    private var strides: [(Int, Int, Int)] = []
    /// Whether the output is empty.
    private var isEmpty = false

    /// `shapes` are the operands' shapes left-padded to the output's rank; each dimension is 1 or the output's.
    init(_ a: [Int], _ b: [Int], _ c: [Int], output: [Int]) {
        precondition(a.count == output.count && b.count == output.count && c.count == output.count,
                     "BroadcastRows: ranks differ: \(a) \(b) \(c) -> \(output)")
        var patterns: [(Bool, Bool, Bool)] = []
        for axis in output.indices {
            let size = output[axis]
            if size == 0 { isEmpty = true; return }
            precondition([a[axis], b[axis], c[axis]].allSatisfy { $0 == size || $0 == 1 },
                         "BroadcastRows: \(a) \(b) \(c) do not broadcast to \(output)")
            if size == 1 { continue }
            let pattern = (a[axis] == 1, b[axis] == 1, c[axis] == 1)
            if let last = patterns.last, last == pattern {
                dims[dims.count - 1] *= size
            } else {
                dims.append(size)
                patterns.append(pattern)
            }
        }
        strides = Array(repeating: (0, 0, 0), count: dims.count)
        var extents = (1, 1, 1)
        for axis in stride(from: dims.count - 1, through: 0, by: -1) {
            if !patterns[axis].0 { strides[axis].0 = extents.0; extents.0 *= dims[axis] }
            if !patterns[axis].1 { strides[axis].1 = extents.1; extents.1 *= dims[axis] }
            if !patterns[axis].2 { strides[axis].2 = extents.2; extents.2 *= dims[axis] }
        }
    }

    /// Calls `body(offsets, innerStrides, outputOffset, width)` for each row in output order; inner strides
    /// are 0 (broadcast) or 1.
    @inline(__always)
    func forEach(_ body: (_ offsets: (Int, Int, Int), _ inner: (Int, Int, Int), _ outputOffset: Int, _ width: Int) -> Void) {
        if isEmpty { return }
        guard let inner = dims.indices.last else {
            body((0, 0, 0), (0, 0, 0), 0, 1)
            return
        }
        let width = dims[inner]
        let innerStrides = strides[inner]
        var index = [Int](repeating: 0, count: inner)
        var offsets = (0, 0, 0)
        var outputOffset = 0
        while true {
            body(offsets, innerStrides, outputOffset, width)
            outputOffset += width
            if inner == 0 { return }
            var axis = inner - 1
            while true {
                index[axis] += 1
                offsets.0 += strides[axis].0
                offsets.1 += strides[axis].1
                offsets.2 += strides[axis].2
                if index[axis] < dims[axis] { break }
                offsets.0 -= strides[axis].0 * dims[axis]
                offsets.1 -= strides[axis].1 * dims[axis]
                offsets.2 -= strides[axis].2 * dims[axis]
                index[axis] = 0
                if axis == 0 { return }
                axis -= 1
            }
        }
    }
}
