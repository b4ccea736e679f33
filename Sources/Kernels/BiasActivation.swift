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
        if stride == columns, columns % 8 != 0, columns < 8 * 8, rows * columns >= 64,
           bias != nil || negativeSlopes != nil, let lane = Self.pieceLane(activation) {
            // Narrow packed rows (P-Net's 10 channels): one pass over the whole block with the bias and slopes
            // repeated to a period of whole vectors, instead of a short vector loop and a tail per row.
            periodicPass(buffer, count: rows * columns, columns: columns, bias: bias, lane: lane.vector,
                         scalar: lane.scalar, slopes: negativeSlopes)
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

    /// The vector and scalar forms of a piecewise-linear activation, nil for the others (their own pass runs them).
    private static func pieceLane(_ activation: Activation)
        -> (vector: (SIMD8<Float>) -> SIMD8<Float>, scalar: (Float) -> Float)? {
        switch activation {
        case .none: return ({ $0 }, { $0 })
        case .relu: return (VectorLoops.relu, { $0 <= 0 ? 0 : $0 })
        case .relu6: return (VectorLoops.relu6, { $0 <= 0 ? 0 : ($0 > 6 ? 6 : $0) })
        case .leakyRelu(let alpha): return ({ VectorLoops.leakyRelu($0, alpha) }, { $0 > 0 ? $0 : alpha * $0 })
        default: return nil
        }
    }

    /// `buffer[i] = prelu(act(buffer[i] + bias[i % columns]))` over `count` packed values (a multiple of
    /// `columns`), each value computed as the row-by-row pass computes it: the bias and slopes are laid out
    /// repeated over a period of `lcm(columns, 8)` values, so that the loop runs on whole vectors.
    private static func periodicPass(_ buffer: UnsafeMutablePointer<Float>, count: Int, columns: Int,
                                     bias: UnsafePointer<Float>?, lane: (SIMD8<Float>) -> SIMD8<Float>,
                                     scalar: (Float) -> Float, slopes: UnsafePointer<Float>?) {
        var period = columns
        while period % 8 != 0 { period += columns }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * period) { patterns in
            let biasPattern = patterns.baseAddress!, slopePattern = biasPattern + period
            for i in 0..<period {
                biasPattern[i] = bias?[i % columns] ?? 0
                slopePattern[i] = slopes?[i % columns] ?? 0
            }
            let raw = UnsafeMutableRawPointer(buffer)
            let rawBias = UnsafeRawPointer(biasPattern), rawSlopes = UnsafeRawPointer(slopePattern)
            let hasBias = bias != nil, hasSlopes = slopes != nil
            var start = 0
            while start &+ period <= count {
                var j = 0
                while j < period {
                    let offset = (start &+ j) &* 4
                    var x = raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                    if hasBias { x += rawBias.loadUnaligned(fromByteOffset: j &* 4, as: SIMD8<Float>.self) }
                    x = lane(x)
                    if hasSlopes {
                        let a = rawSlopes.loadUnaligned(fromByteOffset: j &* 4, as: SIMD8<Float>.self)
                        x = x.replacing(with: x * a, where: x .<= 0)
                    }
                    raw.storeBytes(of: x, toByteOffset: offset, as: SIMD8<Float>.self)
                    j &+= 8
                }
                start &+= period
            }
            for i in start..<count {
                var x = buffer[i]
                if hasBias { x = x + biasPattern[i &- start] }
                x = scalar(x)
                if hasSlopes { x = x <= 0 ? x * slopePattern[i &- start] : x }
                buffer[i] = x
            }
        }
    }

    /// `row[i] = row[i] > 0 ? row[i] : slopes[i] * row[i]` in place.
    @inline(__always)
    static func applyPReLU(_ row: UnsafeMutablePointer<Float>, count: Int, slopes: UnsafePointer<Float>) {
        PReLU.row(row, row, count: count, slopes: slopes)
    }
}
