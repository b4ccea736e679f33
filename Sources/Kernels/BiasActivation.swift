/// The shared output pass of GEMM-based kernels: `y[r, c] = act(y[r, c] + bias[c])` in place.
///
/// Run on a tile right after its GEMM wrote it, so the tile is still in cache.
enum BiasActivation {
    /// Adds `bias` (length `columns`, optional) to each of `rows` rows of `buffer` and applies `activation`.
    /// Rows start `rowStride` floats apart (default: packed, `columns`).
    static func apply(_ buffer: UnsafeMutablePointer<Float>, rows: Int, columns: Int, rowStride: Int? = nil,
                      bias: UnsafePointer<Float>?, activation: Activation) {
        guard rows > 0, columns > 0 else { return }
        let stride = rowStride ?? columns
        if bias == nil && stride == columns {
            activation.apply(buffer, count: rows * columns)
            return
        }
        for r in 0..<rows {
            let row = buffer + r * stride
            switch activation {
            case .none:
                VectorLoops.map(row, count: columns, bias: bias, { $0 }) { $0 }
            case .relu:
                VectorLoops.map(row, count: columns, bias: bias, VectorLoops.relu) { $0 <= 0 ? 0 : $0 }
            case .relu6:
                VectorLoops.map(row, count: columns, bias: bias, VectorLoops.relu6) { $0 <= 0 ? 0 : ($0 > 6 ? 6 : $0) }
            case .leakyRelu(let alpha):
                VectorLoops.map(row, count: columns, bias: bias, { VectorLoops.leakyRelu($0, alpha) }) { $0 > 0 ? $0 : alpha * $0 }
            default:
                VectorLoops.map(row, count: columns, bias: bias, { $0 }) { $0 }
                activation.apply(row, count: columns)
            }
        }
    }
}
