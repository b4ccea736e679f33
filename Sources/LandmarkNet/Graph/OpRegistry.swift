import GraphDefReader
import Tensor

/// Maps TensorFlow op types to the ops that implement them.
enum OpRegistry {
    /// Every TensorFlow op type this engine runs.
    static let supportedOps: Set<String> = [
        "Placeholder", "PlaceholderWithDefault", "Const", "Identity", "NoOp", "StopGradient", "Snapshot",
        "Conv2D", "DepthwiseConv2dNative", "BiasAdd", "Relu", "Relu6", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Softmax",
        "MaxPool", "AvgPool", "MatMul", "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3",
        "Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "Neg", "Abs", "Sqrt", "Rsqrt", "Square", "Exp",
        "Reshape", "Shape", "StridedSlice", "Pack", "ExpandDims", "Squeeze", "Transpose", "ConcatV2", "Pad", "PadV2",
        "Cast", "Mean", "Sum",
    ]

    /// Builds the op for a node, checking its attributes. `Placeholder`, `Const` and `NoOp` are handled by the importer.
    static func makeOperator(_ node: NodeDef) throws -> any Operator {
        let attributes = Attributes(node)
        switch node.op {
        case "Conv2D": return try Conv2DOp(attributes)
        case "DepthwiseConv2dNative": return try DepthwiseConv2DOp(attributes)
        case "MaxPool": return try Pool2DOp(.max, attributes)
        case "AvgPool": return try Pool2DOp(.average, attributes)
        case "MatMul": return try MatMulOp(attributes)
        case "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3": return try FusedBatchNormOp(typeName: node.op, attributes)
        case "Softmax": return SoftmaxOp()
        case "Identity", "StopGradient", "Snapshot": return IdentityOp(typeName: node.op)
        case "Reshape": return ReshapeOp()
        case "Shape": return try ShapeOp(attributes)
        case "StridedSlice": return try StridedSliceOp(attributes)
        case "Pack": return try PackOp(attributes)
        case "ExpandDims": return ExpandDimsOp()
        case "Squeeze": return try SqueezeOp(attributes)
        case "Transpose": return TransposeOp()
        case "ConcatV2": return ConcatOp()
        case "Pad", "PadV2": return PadOp(typeName: node.op)
        case "Cast": return try CastOp(attributes)
        case "Mean", "Sum": return try ReduceOp(typeName: node.op, attributes)
        default:
            if let unary = try UnaryOp(typeName: node.op, attributes) { return unary }
            if let binary = try BinaryOp(typeName: node.op, attributes) { return binary }
            throw OpError("op \(node.op) is not supported")
        }
    }
}
