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
        guard let bias else {
            if stride == columns {
                activation.apply(buffer, count: rows * columns)
            } else {
                for r in 0..<rows { activation.apply(buffer + r * stride, count: columns) }
            }
            return
        }
        switch activation {
        case .none:
            for r in 0..<rows {
                let row = buffer + r * stride
                for c in 0..<columns { row[c] += bias[c] }
            }
        case .relu:
            for r in 0..<rows {
                let row = buffer + r * stride
                for c in 0..<columns {
                    let x = row[c] + bias[c]
                    row[c] = x > 0 ? x : 0
                }
            }
        case .relu6:
            for r in 0..<rows {
                let row = buffer + r * stride
                for c in 0..<columns {
                    let x = row[c] + bias[c]
                    let clampedBelow: Float = x > 0 ? x : 0
                    row[c] = clampedBelow < 6 ? clampedBelow : 6
                }
            }
        default:
            for r in 0..<rows {
                let row = buffer + r * stride
                for c in 0..<columns { row[c] += bias[c] }
                activation.apply(row, count: columns)
            }
        }
    }
}
