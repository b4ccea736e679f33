import Kernels
import Tensor

/// `Fill` (a tensor of constant `dims` holding one scalar), `ZerosLike` and `OnesLike` (zeros or ones in the
/// dtype and shape of the input). `ZerosLike` and `OnesLike` depend only on the input's type, so they are
/// computed while planning; so is a `Fill` of a constant value.
struct FillOp: Operator {
    /// Which of the three ops.
    enum Kind: Sendable {
        case fill, zerosLike, onesLike
    }

    let typeName: String
    let kind: Kind

    init(typeName: String) {
        self.typeName = typeName
        switch typeName {
        case "ZerosLike": kind = .zerosLike
        case "OnesLike": kind = .onesLike
        default: kind = .fill
        }
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        switch kind {
        case .zerosLike, .onesLike:
            try inputs.expectCount(1)
            return [inputs[0].type]
        case .fill:
            try inputs.expectCount(2)
            let dims = try inputs.constant(0, "dims")
            let shape = try dims.integers()
            guard dims.shape.count == 1, shape.allSatisfy({ $0 >= 0 }) else {
                throw OpError("dims \(shape) must be a vector of non-negative sizes")
            }
            guard ShapeMath.elementCount(shape) != nil else { throw OpError("dims \(shape) are too large") }
            guard inputs[1].type.shape.isEmpty else { throw OpError("value must be a scalar, got \(inputs[1].type)") }
            return [TensorType(inputs[1].type.dtype, shape)]
        }
    }

    func valuesFromShapes(_ inputs: [PlanValue]) throws -> [Tensor]? {
        switch kind {
        case .fill: return nil
        case .zerosLike: return [try Tensor(zeros: inputs[0].type.dtype, shape: inputs[0].type.shape)]
        case .onesLike: return [try Self.ones(inputs[0].type)]
        }
    }

    /// A tensor of `type` whose every element is 1.
    static func ones(_ type: TensorType) throws -> Tensor {
        let one: Tensor
        switch type.dtype {
        case .float32: one = Tensor(scalar: Float(1))
        case .float64: one = Tensor(scalar: Double(1))
        case .int32: one = Tensor(scalar: Int32(1))
        case .int64: one = Tensor(scalar: Int64(1))
        case .uint8: one = Tensor(scalar: UInt8(1))
        case .int8: one = Tensor(scalar: Int8(1))
        case .int16: one = Tensor(scalar: Int16(1))
        case .uint16: one = Tensor(scalar: UInt16(1))
        case .bool: one = Tensor(scalar: true)
        default: throw OpError("OnesLike of \(type.dtype) is not supported")
        }
        let result = try Tensor(zeros: type.dtype, shape: type.shape)
        one.withUnsafeBytes { value in
            ElementCopy.fill(result.storage.base, count: type.elementCount, elementSize: type.dtype.byteSize,
                             value: value.baseAddress!)
        }
        return result
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        guard kind == .fill else { throw OpError("\(typeName) is always computed while planning") }
        let count = outputs[0].elementCount, elementSize = outputs[0].dtype.byteSize
        return ClosureKernel { io in
            ElementCopy.fill(io.output(0), count: count, elementSize: elementSize, value: io.input(1))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
