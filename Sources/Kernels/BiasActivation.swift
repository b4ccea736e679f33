/// The shared output pass of GEMM-based kernels: `y[r, c] = act(y[r, c] + bias[c])` in place (with a residual
/// operand, `act((y[r, c] + bias[c]) + residual[r, c])`), then optionally a per-column PReLU,
/// `y[r, c] = y[r, c] > 0 ? y[r, c] : slope[c] * y[r, c]`.
///
/// Run on a tile right after its GEMM wrote it, so the tile is still in cache.
enum BiasActivation {
    /// Adds `bias` (length `columns`, optional) to each of `rows` rows of `buffer` and applies `activation`.
    /// Rows start `rowStride` floats apart (default: packed, `columns`). With `negativeSlopes` (length `columns`),
    /// a PReLU runs last. With `residual` (laid out as `buffer`, rows `rowStride` apart), its element is added
    /// after the bias and before the activation, as a separate `Add` after the biased output would.
    static func apply(_ buffer: UnsafeMutablePointer<Float>, rows: Int, columns: Int, rowStride: Int? = nil,
                      bias: UnsafePointer<Float>?, activation: Activation, negativeSlopes: UnsafePointer<Float>? = nil,
                      residual: UnsafePointer<Float>? = nil) {
        guard rows > 0, columns > 0 else { return }
        let stride = rowStride ?? columns
        if let residual {
            for r in 0..<rows {
                addResidual(buffer + r * stride, residual + r * stride, count: columns, bias: bias, activation: activation)
                if let negativeSlopes { applyPReLU(buffer + r * stride, count: columns, slopes: negativeSlopes) }
            }
            return
        }
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

    /// `row[i] = act((row[i] + bias[i]) + residual[i])` in place: one pass for the piecewise-linear activations,
    /// the sums then the activation's own pass for the others.
    private static func addResidual(_ row: UnsafeMutablePointer<Float>, _ residual: UnsafePointer<Float>, count: Int,
                                    bias: UnsafePointer<Float>?, activation: Activation) {
        switch activation {
        case .none:
            addResidual(row, residual, count: count, bias: bias, { $0 }) { $0 }
        case .relu:
            addResidual(row, residual, count: count, bias: bias, VectorLoops.relu) { $0 <= 0 ? 0 : $0 }
        case .relu6:
            addResidual(row, residual, count: count, bias: bias, VectorLoops.relu6) { $0 <= 0 ? 0 : ($0 > 6 ? 6 : $0) }
        case .leakyRelu(let alpha):
            addResidual(row, residual, count: count, bias: bias, { VectorLoops.leakyRelu($0, alpha) }) { $0 > 0 ? $0 : alpha * $0 }
        default:
            addResidual(row, residual, count: count, bias: bias, { $0 }) { $0 }
            activation.apply(row, count: count)
        }
    }

    /// `row[i] = f((row[i] + bias[i]) + residual[i])`, 8 lanes at a time.
    @inline(__always)
    private static func addResidual(_ row: UnsafeMutablePointer<Float>, _ residual: UnsafePointer<Float>, count: Int,
                                    bias: UnsafePointer<Float>?, _ lane: (SIMD8<Float>) -> SIMD8<Float>,
                                    _ scalar: (Float) -> Float) {
        let raw = UnsafeMutableRawPointer(row)
        let rawResidual = UnsafeRawPointer(residual)
        var i = 0
        if let bias {
            let rawBias = UnsafeRawPointer(bias)
            while i &+ 8 <= count {
                let x = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                    + rawBias.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                let y = x + rawResidual.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                raw.storeBytes(of: lane(y), toByteOffset: i &* 4, as: SIMD8<Float>.self)
                i &+= 8
            }
            while i < count {
                row[i] = scalar((row[i] + bias[i]) + residual[i])
                i &+= 1
            }
            return
        }
        while i &+ 8 <= count {
            let y = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                + rawResidual.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            raw.storeBytes(of: lane(y), toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
        while i < count {
            row[i] = scalar(row[i] + residual[i])
            i &+= 1
        }
    }

    /// `row[i] = row[i] > 0 ? row[i] : slopes[i] * row[i]` in place.
    @inline(__always)
    static func applyPReLU(_ row: UnsafeMutablePointer<Float>, count: Int, slopes: UnsafePointer<Float>) {
        PReLU.row(row, row, count: count, slopes: slopes)
    }
}
