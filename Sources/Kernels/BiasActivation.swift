/// The shared output pass of GEMM-based kernels: `y[r, c] = act(y[r, c] + bias[c])` in place, then optionally a
/// per-column PReLU, `y[r, c] = y[r, c] > 0 ? y[r, c] : slope[c] * y[r, c]`.
///
/// Run on a tile right after its GEMM wrote it, so the tile is still in cache.
enum BiasActivation {
    /// Adds `bias` (length `columns`, optional) to each of `rows` rows of `buffer` and applies `activation`.
    /// Rows start `rowStride` floats apart (default: packed, `columns`). With `negativeSlopes` (length `columns`),
    /// a PReLU runs last.
    static func apply(_ buffer: UnsafeMutablePointer<Float>, rows: Int, columns: Int, rowStride: Int? = nil,
                      bias: UnsafePointer<Float>?, activation: Activation, negativeSlopes: UnsafePointer<Float>? = nil) {
        guard rows > 0, columns > 0 else { return }
        let stride = rowStride ?? columns
        defer {
            if let negativeSlopes {
                for r in 0..<rows { applyPReLU(buffer + r * stride, count: columns, slopes: negativeSlopes) }
            }
        }
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

    /// `row[i] = row[i] > 0 ? row[i] : slopes[i] * row[i]` in place.
    @inline(__always)
    static func applyPReLU(_ row: UnsafeMutablePointer<Float>, count: Int, slopes: UnsafePointer<Float>) {
        PReLU.row(row, row, count: count, slopes: slopes)
    }
}
