import Kernels
import Tensor

/// `Range`: `start, start + delta, ...` up to but not including `limit`, for constant int32, int64, float32 or
/// float64 scalars (element `i` is `start + i * delta`, as TensorFlow computes it). Its size depends on the values,
/// so it is always computed while planning.
struct RangeOp: Operator {
    var typeName: String { "Range" }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(3)
        let dtype = inputs[0].type.dtype
        guard [.int32, .int64, .float32, .float64].contains(dtype),
              inputs.allSatisfy({ $0.type.dtype == dtype && $0.type.elementCount == 1 }) else {
            throw OpError("start, limit and delta must be scalars of one type (int32, int64, float32 or float64)")
        }
        // Only the count here: the planner checks the output against the tensor limit before `values` fills it.
        return [TensorType(dtype, [try count(inputs)])]
    }

    /// The number of elements of the range, checked without computing them.
    func count(_ inputs: [PlanValue]) throws -> Int {
        let start = try inputs.constant(0, "start"), limit = try inputs.constant(1, "limit"), delta = try inputs.constant(2, "delta")
        switch start.dtype {
        case .int32, .int64:
            let s = try start.integers()[0], l = try limit.integers()[0], d = try delta.integers()[0]
            guard [s, l, d].allSatisfy({ $0.magnitude < 1 << 62 }) else { throw OpError("start, limit or delta is too large") }
            try Self.checkDirection(span: Double(l) - Double(s), delta: Double(d))
            // |l - s| < 2^63, so the rounded-up quotient is computed without the `+ |d| - 1` that could overflow.
            let span = (l - s).magnitude, step = d.magnitude
            let count = Int(span / step + (span % step == 0 ? 0 : 1))
            try Self.checkCount(Double(count))
            return count
        case .float32:
            let s = try start.scalars(as: Float.self)[0], l = try limit.scalars(as: Float.self)[0]
            let d = try delta.scalars(as: Float.self)[0]
            try Self.checkDirection(span: Double(l - s), delta: Double(d))
            let count = abs((l - s) / d).rounded(.up)
            try Self.checkCount(Double(count))
            return Int(count)
        default:
            let s = try start.scalars(as: Double.self)[0], l = try limit.scalars(as: Double.self)[0]
            let d = try delta.scalars(as: Double.self)[0]
            try Self.checkDirection(span: l - s, delta: d)
            let count = abs((l - s) / d).rounded(.up)
            try Self.checkCount(count)
            return Int(count)
        }
    }

    /// The range, computed from the constant inputs.
    func values(_ inputs: [PlanValue]) throws -> Tensor {
        let count = try count(inputs)
        let start = try inputs.constant(0, "start"), delta = try inputs.constant(2, "delta")
        switch start.dtype {
        case .int32, .int64:
            let s = try start.integers()[0], d = try delta.integers()[0]
            return try Tensor.integers((0..<count).map { s + $0 * d }, dtype: start.dtype)
        case .float32:
            let s = try start.scalars(as: Float.self)[0], d = try delta.scalars(as: Float.self)[0]
            return try Tensor(shape: [count], scalars: (0..<count).map { s + Float($0) * d })
        default:
            let s = try start.scalars(as: Double.self)[0], d = try delta.scalars(as: Double.self)[0]
            return try Tensor(shape: [count], scalars: (0..<count).map { s + Double($0) * d })
        }
    }

    /// Errors like TensorFlow's when the step is zero or points away from the limit.
    private static func checkDirection(span: Double, delta: Double) throws {
        guard delta != 0 else { throw OpError("delta must be non-zero") }
        guard span == 0 || (span > 0) == (delta > 0) else {
            throw OpError(delta > 0 ? "start must be at most limit when delta is positive"
                                    : "start must be at least limit when delta is negative")
        }
    }

    private static func checkCount(_ count: Double) throws {
        guard count.isFinite, count <= Double(1 << 28) else { throw OpError("the range has too many elements") }
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let value = try values(inputs)
        return ClosureKernel { io in
            value.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress { io.output(0).copyMemory(from: base, byteCount: bytes.count) }
            }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
