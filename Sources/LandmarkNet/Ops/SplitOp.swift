import Kernels
import Tensor

/// `Split`, `SplitV` and `Unpack`: one tensor cut into several along an axis. `Split` cuts into `num_split` equal
/// pieces (inputs: axis, value), `SplitV` into pieces of the given sizes, one of which may be -1 (inputs: value,
/// sizes, axis), `Unpack` into `num` pieces of size 1 with the axis removed.
struct SplitOp: Operator {
    /// Which of the three ops.
    enum Kind: Sendable {
        case split, splitV, unpack
    }

    let typeName: String
    let kind: Kind
    /// `num_split` (Split, SplitV) or `num` (Unpack).
    let count: Int
    /// Unpack's `axis` attribute.
    let unpackAxis: Int

    init(typeName: String, _ attributes: Attributes) throws {
        self.typeName = typeName
        switch typeName {
        case "Split": kind = .split
        case "SplitV": kind = .splitV
        default: kind = .unpack
        }
        count = try attributes.int(kind == .unpack ? "num" : "num_split")
        unpackAxis = kind == .unpack ? try attributes.int("axis", default: 0) : 0
        guard count >= (kind == .unpack ? 0 : 1), count <= 1 << 16 else {
            throw OpError("\(kind == .unpack ? "num" : "num_split") \(count) is out of range")
        }
    }

    /// The input value, the normalized axis and the size of each piece along it.
    func pieces(_ inputs: [PlanValue]) throws -> (value: PlanValue, axis: Int, sizes: [Int]) {
        let value: PlanValue, requestedAxis: Int
        switch kind {
        case .split:
            try inputs.expectCount(2)
            value = inputs[1]
            requestedAxis = try Self.scalar(inputs.constant(0, "split_dim"), "split_dim")
        case .splitV:
            try inputs.expectCount(3)
            value = inputs[0]
            requestedAxis = try Self.scalar(inputs.constant(2, "axis"), "axis")
        case .unpack:
            try inputs.expectCount(1)
            value = inputs[0]
            requestedAxis = unpackAxis
        }
        let shape = value.type.shape, rank = shape.count
        guard rank > 0, requestedAxis >= -rank, requestedAxis < rank else {
            throw OpError("axis \(requestedAxis) is out of range for input \(value.type)")
        }
        let axis = requestedAxis < 0 ? requestedAxis + rank : requestedAxis
        let size = shape[axis]
        switch kind {
        case .split:
            guard size % count == 0 else {
                throw OpError("cannot split dimension \(axis) of size \(size) into \(count) equal pieces")
            }
            return (value, axis, Array(repeating: size / count, count: count))
        case .unpack:
            guard size == count else { throw OpError("num \(count) does not match dimension \(axis) of size \(size)") }
            return (value, axis, Array(repeating: 1, count: count))
        case .splitV:
            var sizes = try inputs.constant(1, "size_splits").integers()
            guard sizes.count == count else {
                throw OpError("size_splits has \(sizes.count) entries, num_split is \(count)")
            }
            let unknown = sizes.indices.filter { sizes[$0] == -1 }
            guard unknown.count <= 1, sizes.allSatisfy({ $0 >= -1 && $0 <= size }) else {
                throw OpError("size_splits \(sizes) may hold one -1 and otherwise sizes of at most \(size)")
            }
            var known = 0
            for size in sizes where size > 0 {
                let (sum, overflow) = known.addingReportingOverflow(size)
                guard !overflow else { throw OpError("size_splits \(sizes) add up to more than \(Int.max)") }
                known = sum
            }
            if let k = unknown.first {
                guard known <= size else { throw OpError("size_splits \(sizes) add up to more than \(size)") }
                sizes[k] = size - known
            } else if known != size {
                throw OpError("size_splits \(sizes) must add up to dimension \(axis) of size \(size)")
            }
            return (value, axis, sizes)
        }
    }

    private static func scalar(_ tensor: Tensor, _ what: String) throws -> Int {
        let values = try tensor.integers()
        guard values.count == 1 else { throw OpError("\(what) must be a scalar") }
        return values[0]
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let (value, axis, sizes) = try pieces(inputs)
        return sizes.map { size in
            var shape = value.type.shape
            if kind == .unpack { shape.remove(at: axis) } else { shape[axis] = size }
            return TensorType(value.type.dtype, shape)
        }
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let (value, axis, sizes) = try pieces(inputs)
        let layout = Split.Layout(shape: value.type.shape, axis: axis, sizes: sizes, elementSize: value.type.dtype.byteSize)
        let source = kind == .split ? 1 : 0
        return ClosureKernel { io in Split.apply(input: io.input(source), layout: layout, outputs: io.outputs) }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
