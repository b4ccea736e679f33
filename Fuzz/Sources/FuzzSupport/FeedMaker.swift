import LandmarkNet

/// Builds deterministic feeds for a loaded model from the fuzz input, so that a crash reproduces from the bytes
/// alone. Float feeds include NaN, infinities, signed zeros and subnormals.
public struct FeedMaker {
    private var state: UInt64

    /// A maker whose values are derived from `bytes`.
    public init(bytes: [UInt8]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes.suffix(64) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = hash | 1
    }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// A feed for every input whose dtype is known (float32 otherwise), unknown dimensions as 1 or 2, or nil when
    /// the inputs together would exceed `FuzzLimits.maxFedElements`.
    public mutating func feeds(for inputs: [Model.TensorInfo]) -> [String: Tensor]? {
        var feeds: [String: Tensor] = [:]
        var total = 0
        for input in inputs {
            let shape = (input.shape ?? [1]).map { $0 < 0 ? Int(1 + next() % 2) : $0 }
            guard let count = ShapeMath.elementCount(shape) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow, sum <= FuzzLimits.maxFedElements else { return nil }
            total = sum
            guard let tensor = try? tensor(input.dtype ?? .float32, shape, count) else { return nil }
            feeds[input.name] = tensor
        }
        return feeds
    }

    private mutating func tensor(_ dtype: DType, _ shape: [Int], _ count: Int) throws -> Tensor {
        var tensor = try Tensor(zeros: dtype, shape: shape)
        let special: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0, 1]
        tensor.withUnsafeMutableBytes { raw in
            switch dtype {
            case .float32:
                let values = raw.bindMemory(to: Float.self)
                for i in 0..<count {
                    let r = next()
                    values[i] = r % 16 == 0 ? special[Int(r >> 8) % special.count] : Float(Int64(r >> 40) - (1 << 23)) / 65536
                }
            case .float64:
                let values = raw.bindMemory(to: Double.self)
                for i in 0..<count {
                    let r = next()
                    values[i] = r % 16 == 0 ? Double(special[Int(r >> 8) % special.count]) : Double(Int64(r >> 40) - (1 << 23)) / 65536
                }
            case .bool:
                for i in 0..<raw.count { raw[i] = UInt8(next() & 1) }
            default:
                for i in 0..<raw.count { raw[i] = UInt8(truncatingIfNeeded: next()) }
            }
        }
        return tensor
    }
}
