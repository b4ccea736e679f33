import GraphDefReader

/// Reads fuzz bytes as a small program that builds a GraphDef of supported ops: placeholders, constants and
/// up to 32 op nodes wired to earlier nodes, with attributes drawn mostly from values that matter (0, ±1, small
/// sizes, Int32/Int64 extremes), and sometimes a function library with calls to inline (nested, recursive,
/// missing, with good and bad argument and output references). Random bytes rarely survive protobuf decoding far enough to reach the op
/// checks; every graph built here decodes, so the fuzzer spends its time on import, shape inference, folding,
/// fusion, planning and the kernels.
struct GraphProgram {
    private var bytes: [UInt8]
    private var position = 0
    private(set) var nodes: [NodeDef] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func byte() -> Int {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position])
    }

    private var exhausted: Bool { position >= bytes.count }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[byte() % choices.count] }

    private static let smallInts: [Int64] = [1, 1, 1, 2, 2, 3, 0, -1, 4, 5, 8, -2, 16, 127]
    private static let extremeInts: [Int64] = [Int64(Int32.max), Int64(Int32.min), .max, .min, 1 << 31, 1 << 40, -(1 << 40), 65_536]

    /// Mostly small integers, sometimes an extreme.
    private mutating func int() -> Int64 {
        let selector = byte()
        return selector < 224 ? Self.smallInts[selector % Self.smallInts.count] : Self.extremeInts[selector % Self.extremeInts.count]
    }

    private mutating func float() -> Float {
        pick([0, 1, -1, 0.5, 2, 1e-3, 6, -6, .nan, .infinity, -.infinity, 1e30, .leastNonzeroMagnitude])
    }

    private static func ints(_ values: [Int64]) -> AttrValue { .list(AttrList(ints: values)) }

    private mutating func nhwc(_ name: String) -> AttrValue {
        switch byte() % 8 {
        case 0: return Self.ints([int(), int(), int(), int()])
        case 1: return .int(int())
        default: return Self.ints([1, Swift.max(1, int() % 4), Swift.max(1, int() % 4), 1] as [Int64])
        }
    }

    private mutating func padding() -> AttrValue {
        .bytes(Array(pick(["SAME", "VALID", "SAME", "VALID", "EXPLICIT", "FULL"]).utf8))
    }

    private mutating func dtype() -> DataType {
        pick([.float, .float, .float, .float, .int32, .int32, .int64, .uint8, .double, .bool, .half, .string])
    }

    private mutating func shape(maxRank: Int) -> [Int64] {
        let rank = byte() % (maxRank + 1)
        return (0..<rank).map { _ in pick([1, 2, 3, 4, 1, 2, 0, 5, 8, -1]) }
    }

    /// A reference to an earlier node, sometimes to an output index other than 0 or as a control input.
    private mutating func input() -> String {
        guard !nodes.isEmpty else { return "missing" }
        let name = nodes[byte() % nodes.count].name
        switch byte() % 32 {
        case 0: return name + ":1"
        case 1: return name + ":\(byte() % 8)"
        case 2: return "^" + name
        default: return name
        }
    }

    private mutating func constant(_ name: String) {
        let type = pick([DataType.float, .float, .int32, .int32, .int64, .uint8, .bool])
        var dims = shape(maxRank: 3).map { Swift.max($0, 0) }
        if byte() % 16 == 0 { dims = [Int64(byte() % 4), int()] }  // occasionally a lying or huge shape
        var proto = TensorProto(dtype: type, shape: TensorShapeProto(dims: dims))
        let count = byte() % 9
        switch type {
        case .float: proto.floatVal = (0..<count).map { _ in float() }
        case .int64: proto.int64Val = (0..<count).map { _ in int() }
        case .bool: proto.boolVal = (0..<count).map { _ in byte() & 1 == 1 }
        default: proto.intVal = (0..<count).map { _ in Int32(truncatingIfNeeded: int()) }
        }
        if byte() % 32 == 0 { proto.tensorContent = ArraySlice([UInt8](repeating: 0, count: byte())) }
        nodes.append(NodeDef(name: name, op: "Const", attributes: ["dtype": .type(type), "value": .tensor(proto)]))
    }

    private static let ops: [(String, Int)] = [
        ("Conv2D", 2), ("BiasAdd", 2), ("Relu", 1), ("Relu6", 1), ("LeakyRelu", 1), ("Elu", 1), ("Sigmoid", 1),
        ("Tanh", 1), ("Softmax", 1), ("MaxPool", 1), ("AvgPool", 1), ("MatMul", 2), ("FusedBatchNorm", 5),
        ("FusedBatchNormV3", 5), ("Add", 2), ("AddV2", 2), ("Sub", 2), ("Mul", 2), ("RealDiv", 2), ("Maximum", 2),
        ("Minimum", 2), ("Neg", 1), ("Abs", 1), ("Sqrt", 1), ("Rsqrt", 1), ("Square", 1), ("Exp", 1),
        ("Reshape", 2), ("Shape", 1), ("StridedSlice", 4), ("Pack", 2), ("ExpandDims", 2), ("Squeeze", 1),
        ("Transpose", 2), ("ConcatV2", 3), ("Pad", 2), ("PadV2", 3), ("Cast", 1), ("Mean", 2), ("Sum", 2),
        ("Identity", 1), ("NoOp", 0), ("PlaceholderWithDefault", 1), ("DepthwiseConv2dNative", 2),
        ("Erf", 1), ("Erfc", 1), ("Floor", 1), ("Round", 1), ("Log", 1), ("Softplus", 1), ("Selu", 1), ("Sign", 1),
        ("Reciprocal", 1), ("SquaredDifference", 2), ("Pow", 2), ("AddN", 2), ("BiasAddV1", 2), ("Equal", 2),
        ("NotEqual", 2), ("Less", 2), ("LessEqual", 2), ("Greater", 2), ("GreaterEqual", 2), ("Select", 3),
        ("SelectV2", 3), ("Max", 2), ("Min", 2), ("Prod", 2), ("All", 2), ("Any", 2), ("ArgMax", 2), ("ArgMin", 2),
        ("LRN", 1), ("IdentityN", 2),
        ("Slice", 3), ("Tile", 2), ("Range", 3), ("Fill", 2), ("SpaceToBatchND", 3), ("BatchToSpaceND", 3),
        ("MirrorPad", 2), ("Split", 2), ("SplitV", 3), ("Unpack", 1), ("GatherV2", 3), ("Conv2DBackpropInput", 3),
        ("ResizeBilinear", 2), ("ResizeNearestNeighbor", 2), ("ResizeArea", 2), ("DepthToSpace", 1),
        ("SpaceToDepth", 1), ("ZerosLike", 1), ("OnesLike", 1),
    ]

    private mutating func attributes(for op: String) -> [String: AttrValue] {
        var attributes: [String: AttrValue] = ["T": .type(byte() % 16 == 0 ? dtype() : .float)]
        switch op {
        case "Conv2D", "DepthwiseConv2dNative":
            attributes["strides"] = nhwc("strides")
            if byte() % 4 == 0 { attributes["dilations"] = nhwc("dilations") }
            attributes["padding"] = padding()
            if byte() % 4 == 0 { attributes["explicit_paddings"] = Self.ints((0..<8).map { _ in byte() % 3 == 0 ? int() : 0 }) }
            if byte() % 16 == 0 { attributes["data_format"] = .bytes(Array("NCHW".utf8)) }
        case "MaxPool", "AvgPool":
            attributes["ksize"] = nhwc("ksize")
            attributes["strides"] = nhwc("strides")
            attributes["padding"] = padding()
        case "MatMul":
            attributes["transpose_a"] = .bool(byte() % 4 == 0)
            attributes["transpose_b"] = .bool(byte() % 4 == 0)
        case "FusedBatchNorm", "FusedBatchNormV3":
            attributes["epsilon"] = .float(float())
            attributes["is_training"] = .bool(byte() % 8 == 0)
        case "LeakyRelu":
            attributes["alpha"] = byte() % 8 == 0 ? .int(1) : .float(float())
        case "StridedSlice":
            for mask in ["begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"] where byte() % 3 == 0 {
                attributes[mask] = .int(byte() % 4 == 0 ? int() : Int64(byte() % 16))
            }
        case "Pack":
            attributes["axis"] = .int(int() % 4)
        case "Squeeze":
            attributes["squeeze_dims"] = Self.ints((0..<(byte() % 3)).map { _ in int() % 4 })
        case "Cast":
            attributes["DstT"] = .type(dtype())
        case "Mean", "Sum", "Max", "Min", "Prod", "All", "Any":
            attributes["keep_dims"] = .bool(byte() & 1 == 1)
        case "ArgMax", "ArgMin":
            attributes["output_type"] = .type(pick([.int32, .int64, .int64, .float]))
        case "LRN":
            attributes["depth_radius"] = .int(byte() % 8 == 0 ? int() : Int64(byte() % 6))
            attributes["bias"] = .float(float())
            attributes["alpha"] = .float(float())
            attributes["beta"] = .float(pick([0.5, 0.75, 1, float()]))
        case "Shape":
            attributes["out_type"] = .type(pick([.int32, .int64, .float]))
        case "Conv2DBackpropInput":
            attributes["strides"] = nhwc("strides")
            if byte() % 4 == 0 { attributes["dilations"] = nhwc("dilations") }
            attributes["padding"] = padding()
            if byte() % 4 == 0 { attributes["explicit_paddings"] = Self.ints((0..<8).map { _ in byte() % 3 == 0 ? int() : 0 }) }
        case "Split":
            attributes["num_split"] = .int(byte() % 4 == 0 ? int() : Int64(byte() % 5))
        case "SplitV":
            attributes["num_split"] = .int(byte() % 4 == 0 ? int() : Int64(byte() % 5))
            attributes["Tlen"] = .type(pick([.int32, .int64]))
        case "Unpack":
            attributes["num"] = .int(byte() % 4 == 0 ? int() : Int64(byte() % 5))
            attributes["axis"] = .int(int() % 4)
        case "GatherV2":
            attributes["batch_dims"] = .int(byte() % 4 == 0 ? int() : 0)
            attributes["Tparams"] = attributes["T"]
            attributes["Tindices"] = .type(pick([.int32, .int64, .float]))
        case "MirrorPad":
            attributes["mode"] = .bytes(Array(pick(["REFLECT", "SYMMETRIC", "CONSTANT"]).utf8))
        case "ResizeBilinear", "ResizeNearestNeighbor", "ResizeArea":
            attributes["align_corners"] = .bool(byte() % 3 == 0)
            attributes["half_pixel_centers"] = .bool(byte() % 3 == 0)
        case "DepthToSpace", "SpaceToDepth":
            attributes["block_size"] = .int(byte() % 4 == 0 ? int() : Int64(byte() % 4))
            if byte() % 16 == 0 { attributes["data_format"] = .bytes(Array("NCHW".utf8)) }
        case "Range":
            attributes["Tidx"] = .type(pick([.int32, .int64, .float]))
        case "PlaceholderWithDefault":
            attributes["dtype"] = .type(.float)
            attributes["shape"] = .shape(TensorShapeProto(dims: shape(maxRank: 4)))
        default:
            break
        }
        return attributes
    }

    /// Builds the graph the bytes describe.
    mutating func build() -> GraphDef {
        for index in 0..<(1 + byte() % 2) {
            var attributes: [String: AttrValue] = ["dtype": .type(pick([.float, .float, .float, .uint8, .int32]))]
            if byte() % 8 != 0 { attributes["shape"] = .shape(TensorShapeProto(dims: shape(maxRank: 4))) }
            nodes.append(NodeDef(name: "x\(index)", op: "Placeholder", attributes: attributes))
        }
        var count = 0
        while !exhausted && count < 32 {
            count += 1
            let name = "n\(count)"
            if byte() % 3 == 0 {
                constant(name)
                continue
            }
            let (op, arity) = Self.ops[byte() % Self.ops.count]
            let variadic = ["ConcatV2", "Pack", "AddN", "IdentityN"].contains(op)
            let inputs = (0..<(variadic ? arity + byte() % 3 : arity)).map { _ in input() }
            nodes.append(NodeDef(name: name, op: op, inputs: inputs, attributes: attributes(for: op)))
            if byte() % 8 == 0 { callFunction(name: "call\(count)") }
        }
        return GraphDef(nodes: nodes, functions: functions)
    }

    // MARK: Functions

    private(set) var functions: [FunctionDef] = []

    /// A body input: an argument, an earlier body node's output by argument name and index, or (rarely) a
    /// reference that is wrong in one of the ways a hostile library can be.
    private mutating func bodyInput(arguments: [String], body: [NodeDef]) -> String {
        let selector = byte() % 32
        if body.isEmpty || selector < 8 {
            let argument = arguments.isEmpty ? "x" : arguments[byte() % arguments.count]
            return selector == 0 ? argument + ":1" : argument
        }
        let node = body[byte() % body.count].name
        switch selector {
        case 8: return node  // graph syntax in a body
        case 9: return "\(node):output:\(byte() % 3)"
        case 10: return "\(node):bogus:0"
        case 11: return "^" + node
        case 12: return "ghost:output:0"
        case 13: return "\(node):y:-1"
        default: return "\(node):output:0"
        }
    }

    /// Adds a function to the library (calling another function, itself or a missing one at times) and returns
    /// its name.
    private mutating func defineFunction(depth: Int) -> String {
        let name = "f\(functions.count)"
        let arguments = (0..<(1 + byte() % 2)).map { "a\($0)" }
        var body: [NodeDef] = []
        for k in 0..<(1 + byte() % 4) where !exhausted {
            let nodeName = "b\(k)"
            switch byte() % 8 {
            case 0 where depth < 3:
                // A nested call: of a new function, of this one (recursion) or of one that does not exist.
                let callee = byte() % 4 == 0 ? pick([name, "missing"]) : defineFunction(depth: depth + 1)
                let op = pick(["PartitionedCall", "StatefulPartitionedCall", callee])
                body.append(NodeDef(name: nodeName, op: op, inputs: [bodyInput(arguments: arguments, body: body)],
                                    attributes: op.hasSuffix("PartitionedCall") ? ["f": .function(callee)] : [:]))
            default:
                let (op, arity) = Self.ops[byte() % Self.ops.count]
                let inputs = (0..<arity).map { _ in bodyInput(arguments: arguments, body: body) }
                body.append(NodeDef(name: nodeName, op: op, inputs: inputs, attributes: attributes(for: op)))
            }
        }
        let outputs = (0..<(byte() % 3)).map { "r\($0)" }
        var returns: [String: String] = [:]
        for output in outputs where byte() % 16 != 0 { returns[output] = bodyInput(arguments: arguments, body: body) }
        var argumentDefs = arguments.map { FunctionDef.Argument(name: $0, type: .float) }
        if byte() % 32 == 0 { argumentDefs[0].numberAttribute = "N" }
        functions.append(FunctionDef(name: name, inputs: argumentDefs,
                                     outputs: outputs.map { FunctionDef.Argument(name: $0, type: .float) },
                                     nodes: body, returns: returns))
        return name
    }

    /// Adds a call node (and the functions it needs) reading earlier graph nodes, and a node reading its outputs.
    private mutating func callFunction(name: String) {
        let callee = byte() % 16 == 0 ? "missing" : defineFunction(depth: 0)
        let arity = functions.first(where: { $0.name == callee })?.inputs.count ?? 1
        let op = pick(["StatefulPartitionedCall", "PartitionedCall", callee])
        let inputs = (0..<(arity + (byte() % 16 == 0 ? 1 : 0))).map { _ in input() }
        var attributes: [String: AttrValue] = [:]
        if op.hasSuffix("PartitionedCall"), byte() % 16 != 0 { attributes["f"] = .function(callee) }
        nodes.append(NodeDef(name: name, op: op, inputs: inputs, attributes: attributes))
        nodes.append(NodeDef(name: name + "_out", op: "Identity", inputs: [name + ":\(byte() % 2)"],
                             attributes: ["T": .type(.float)]))
    }
}
