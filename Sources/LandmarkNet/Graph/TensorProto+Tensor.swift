import GraphDefReader
import Tensor

extension Tensor {
    /// Decodes a GraphDef `TensorProto` (a Const node's `value`), copying its bytes once into aligned storage.
    init(proto: TensorProto, maxBytes: Int) throws {
        guard let dtype = DType(tensorFlowValue: proto.dtype.rawValue) else {
            throw OpError("constants of dtype \(proto.dtype) are not supported")
        }
        guard !proto.shape.unknownRank else { throw OpError("a constant has an unknown rank") }
        var shape: [Int] = []
        for dim in proto.shape.dims {
            guard dim >= 0, dim <= Int64(Int.max) else { throw OpError("a constant has an unknown or negative dimension") }
            shape.append(Int(dim))
        }
        let bytes = try proto.elementBytes(maxBytes: maxBytes)
        self = try bytes.withUnsafeBytes { raw in try Tensor(dtype: dtype, shape: shape, bytes: raw) }
    }
}

extension DType {
    /// The dtype of a GraphDef `DataType`, or nil for types this engine does not hold in tensors.
    init?(_ type: DataType) {
        self.init(tensorFlowValue: type.rawValue)
    }
}
