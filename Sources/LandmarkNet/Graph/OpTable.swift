import GraphDefReader
import Kernels
import Tensor

/// A group of related TensorFlow ops, as ``OpTable/supported`` and `landmark ops` list them. The cases are in
/// listing order; the raw value is the family's name.
public enum OpFamily: String, Sendable, Hashable, Codable, CaseIterable {
    /// Graph inputs, constants and pass-through nodes.
    case graph
    /// 2-D convolutions.
    case convolution
    /// 2-D pooling windows.
    case pooling
    /// Matrix products.
    case matrix = "matrix product"
    /// Batch normalization.
    case normalization
    /// Activation functions.
    case activation
    /// Elementwise functions of one input.
    case unary = "elementwise unary"
    /// Elementwise functions of two inputs.
    case binary = "elementwise binary"
    /// Reductions over axes.
    case reduction
    /// Ops that change or read a shape without moving elements.
    case shape
    /// Ops that slice, join, pad or permute elements.
    case dataMovement = "data movement"
    /// Image resizing.
    case resize = "image resize"
    /// Ops that make a tensor from a shape and a value (Fill, Range, ZerosLike, ...).
    case creation = "tensor creation"
    /// dtype conversion.
    case cast
}

/// A TensorFlow op type the engine runs.
public struct SupportedOp: Sendable, Hashable, Codable {
    /// The TensorFlow op type, e.g. `Conv2D`.
    public var name: String
    /// The family it is listed under.
    public var family: OpFamily
    /// One line on what of the op is supported (attributes, dtypes, layouts); may be empty.
    public var note: String
}

/// Every TensorFlow op the engine runs, in one table: its names, family, listing note and how the importer
/// makes it from a node. The set of supported ops, the importer's dispatch, the unsupported-op report and the
/// `landmark ops` listing all come from here.
public enum OpTable {
    /// How the importer makes a node's op.
    enum Construction: Sendable {
        /// `Const`: the importer decodes the value and counts it against the weight limit.
        case constant
        /// `Placeholder`: a graph input.
        case placeholder
        /// `PlaceholderWithDefault`: a graph input that reads its input when it is not fed.
        case placeholderWithDefault
        /// `NoOp`: carries control edges only.
        case noOp
        /// Made from the node's op type and attributes.
        case factory(@Sendable (_ typeName: String, _ attributes: Attributes) throws -> any Operator)
    }

    /// One row: op types that share a construction and a note.
    struct Entry: Sendable {
        /// The TensorFlow op types.
        var names: [String]
        /// The family they are listed under.
        var family: OpFamily
        /// One line for listings; may be empty.
        var note: String
        /// How the importer makes the op.
        var construction: Construction

        init(_ names: [String], _ family: OpFamily, _ note: String, _ construction: Construction) {
            self.names = names
            self.family = family
            self.note = note
            self.construction = construction
        }

        /// A row whose op is made from the node's attributes.
        init(_ names: [String], _ family: OpFamily, _ note: String,
             _ factory: @escaping @Sendable (_ typeName: String, _ attributes: Attributes) throws -> any Operator) {
            self.init(names, family, note, .factory(factory))
        }

        /// A row for one elementwise function of one input.
        static func unary(_ name: String, _ family: OpFamily, _ note: String, _ function: UnaryFunction) -> Entry {
            Entry([name], family, note) { typeName, _ in UnaryOp(typeName: typeName, function: function) }
        }

        /// A row for one elementwise function of two inputs.
        static func binary(_ name: String, _ note: String, _ function: BinaryFunction) -> Entry {
            Entry([name], .binary, note) { typeName, _ in BinaryOp(typeName: typeName, function: function) }
        }
    }

    private static let nhwc = "NHWC"
    private static let broadcasting = "NumPy broadcasting; float32, float64, int32, int64"
    private static let comparing = "NumPy broadcasting; float32, float64, int32, int64; bool output"

    /// A row for one comparison.
    private static func comparison(_ name: String, _ function: ComparisonFunction, _ note: String) -> Entry {
        Entry([name], .binary, note) { typeName, _ in ComparisonOp(typeName: typeName, function: function) }
    }

    /// The table, in listing order within each family.
    static let entries: [Entry] = [
        Entry(["Placeholder"], .graph, "a graph input, fed at run time", .placeholder),
        Entry(["PlaceholderWithDefault"], .graph, "a graph input that reads its default when not fed", .placeholderWithDefault),
        Entry(["Const"], .graph, "a constant", .constant),
        Entry(["NoOp"], .graph, "control edges only; dropped by planning", .noOp),
        Entry(["Identity", "StopGradient", "Snapshot"], .graph, "output is input 0; removed by planning") { typeName, _ in
            IdentityOp(typeName: typeName)
        },

        Entry(["Conv2D"], .convolution, "VALID, SAME (TensorFlow's asymmetric padding), EXPLICIT; strides, dilations; grouped (filter in-channels = input channels / groups); \(nhwc)") {
            _, attributes in try Conv2DOp(attributes)
        },
        Entry(["DepthwiseConv2dNative"], .convolution, "any channel multiplier; the same paddings, strides and dilations; \(nhwc)") {
            _, attributes in try DepthwiseConv2DOp(attributes)
        },
        Entry(["Conv2DBackpropInput"], .convolution,
              "transposed convolution; VALID, SAME, EXPLICIT; strides, dilations; output size constant or folded from Shape; \(nhwc)") {
            _, attributes in try Conv2DBackpropInputOp(attributes)
        },

        Entry(["MaxPool"], .pooling, "VALID, SAME, EXPLICIT; \(nhwc)") { _, attributes in try Pool2DOp(.max, attributes) },
        Entry(["AvgPool"], .pooling, "VALID, SAME (padding excluded from the average); \(nhwc)") { _, attributes in
            try Pool2DOp(.average, attributes)
        },

        Entry(["MatMul"], .matrix, "rank-2 float32; transpose_a, transpose_b") { _, attributes in try MatMulOp(attributes) },

        Entry(["FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3"], .normalization, "inference (is_training false); \(nhwc)") {
            typeName, attributes in try FusedBatchNormOp(typeName: typeName, attributes)
        },

        .unary("Relu", .activation, "", .activation(.relu)),
        .unary("Relu6", .activation, "", .activation(.relu6)),
        Entry(["LeakyRelu"], .activation, "alpha (default 0.2)") { typeName, attributes in
            UnaryOp(typeName: typeName, function: .activation(.leakyRelu(alpha: try attributes.float("alpha", default: 0.2))))
        },
        .unary("Elu", .activation, "", .activation(.elu)),
        .unary("Sigmoid", .activation, "", .activation(.sigmoid)),
        .unary("Tanh", .activation, "", .activation(.tanh)),
        Entry(["Softmax"], .activation, "over the last axis") { _, _ in SoftmaxOp() },

        .unary("Neg", .unary, "float32, int32, int64", .neg),
        .unary("Abs", .unary, "float32, int32, int64", .abs),
        .unary("Sqrt", .unary, "float32", .sqrt),
        .unary("Rsqrt", .unary, "float32", .rsqrt),
        .unary("Square", .unary, "float32, int32, int64", .square),
        .unary("Exp", .unary, "float32", .exp),

        Entry(["BiasAdd"], .binary, "a bias along the last axis; \(nhwc)") { typeName, attributes in
            try attributes.requireNHWC()
            return BinaryOp(typeName: typeName, function: .add)
        },
        .binary("Add", broadcasting, .add),
        .binary("AddV2", broadcasting, .add),
        .binary("Sub", broadcasting, .sub),
        .binary("Mul", broadcasting, .mul),
        .binary("RealDiv", "NumPy broadcasting; float32, float64", .div),
        .binary("Maximum", broadcasting, .maximum),
        .binary("Minimum", broadcasting, .minimum),

        Entry(["Mean", "Sum"], .reduction, "constant axes; keep_dims") { typeName, attributes in
            try ReduceOp(typeName: typeName, attributes)
        },

        Entry(["Reshape"], .shape, "one dimension may be -1; a view") { _, _ in ReshapeOp() },
        Entry(["ExpandDims"], .shape, "a view") { _, _ in ExpandDimsOp() },
        Entry(["Squeeze"], .shape, "every size-1 dimension or squeeze_dims; a view") { _, attributes in try SqueezeOp(attributes) },
        Entry(["Shape"], .shape, "int32 or int64; computed while planning") { _, attributes in try ShapeOp(attributes) },

        Entry(["StridedSlice"], .dataMovement, "all masks") { _, attributes in try StridedSliceOp(attributes) },
        Entry(["Pack"], .dataMovement, "") { _, attributes in try PackOp(attributes) },
        Entry(["ConcatV2"], .dataMovement, "constant axis") { _, _ in ConcatOp() },
        Entry(["Transpose"], .dataMovement, "constant permutation") { _, _ in TransposeOp() },
        Entry(["Pad", "PadV2"], .dataMovement, "constant paddings (and PadV2's constant value)") { typeName, _ in PadOp(typeName: typeName) },

        // Issue 19 part B: data movement, resizing, block rearrangement, transposed convolution.
        Entry(["Split", "SplitV"], .dataMovement, "constant axis and size_splits (one may be -1); several outputs") {
            typeName, attributes in try SplitOp(typeName: typeName, attributes)
        },
        Entry(["Unpack"], .dataMovement, "several outputs") { typeName, attributes in try SplitOp(typeName: typeName, attributes) },
        Entry(["Slice"], .dataMovement, "constant begin and size (size -1: to the end)") { _, _ in SliceOp() },
        Entry(["Tile"], .dataMovement, "constant multiples") { _, _ in TileOp() },
        Entry(["GatherV2"], .dataMovement, "constant axis, batch_dims 0; int32 or int64 indices") { _, attributes in
            try GatherOp(attributes)
        },
        Entry(["MirrorPad"], .dataMovement, "REFLECT, SYMMETRIC; constant paddings") { _, attributes in try MirrorPadOp(attributes) },
        Entry(["SpaceToBatchND", "BatchToSpaceND"], .dataMovement,
              "1 or 2 spatial dimensions; constant block_shape, paddings and crops; with a convolution between, one dilated convolution") {
            typeName, _ in SpaceToBatchOp(typeName: typeName)
        },
        Entry(["DepthToSpace", "SpaceToDepth"], .dataMovement, "DCR; \(nhwc)") { typeName, attributes in
            try DepthToSpaceOp(typeName: typeName, attributes)
        },
        Entry(["ResizeBilinear"], .resize, "align_corners, half_pixel_centers; float32 output from float or integer images; \(nhwc)") { typeName, attributes in
            try ResizeOp(typeName: typeName, attributes)
        },
        Entry(["ResizeNearestNeighbor"], .resize, "align_corners, half_pixel_centers; any dtype; \(nhwc)") { typeName, attributes in
            try ResizeOp(typeName: typeName, attributes)
        },
        Entry(["ResizeArea"], .resize, "align_corners; float32 output from float or integer images; \(nhwc)") { typeName, attributes in
            try ResizeOp(typeName: typeName, attributes)
        },
        Entry(["Fill"], .creation, "constant dims") { typeName, _ in FillOp(typeName: typeName) },
        Entry(["ZerosLike", "OnesLike"], .creation, "computed while planning") { typeName, _ in FillOp(typeName: typeName) },
        Entry(["Range"], .creation, "constant int32, int64, float32 or float64 scalars; computed while planning") { _, _ in RangeOp() },

        Entry(["Cast"], .cast, "float32, float64, float16, bfloat16, the integer types, bool") { _, attributes in
            try CastOp(attributes)
        },

        // Elementwise math, comparisons, selection, reductions, normalization and multi-input pass-through
        // (listed within their families).
        .unary("Softplus", .activation, "float32", .softplus),
        .unary("Selu", .activation, "float32", .selu),
        .unary("Erf", .unary, "float32", .erf),
        .unary("Erfc", .unary, "float32; accurate for large inputs", .erfc),
        .unary("Floor", .unary, "float32", .floor),
        .unary("Round", .unary, "float32; ties to even", .round),
        .unary("Log", .unary, "float32", .log),
        .unary("Sign", .unary, "float32, int32, int64", .sign),
        .unary("Reciprocal", .unary, "float32", .reciprocal),
        Entry(["BiasAddV1"], .binary, "a bias along the last axis") { typeName, _ in
            BinaryOp(typeName: typeName, function: .add)
        },
        .binary("SquaredDifference", broadcasting, .squaredDifference),
        .binary("Pow", broadcasting, .pow),
        Entry(["AddN"], .binary, "one or more inputs of one shape; float32, float64, int32, int64") { _, _ in AddNOp() },
        comparison("Equal", .equal, "NumPy broadcasting; float32, float64, int32, int64, bool; bool output"),
        comparison("NotEqual", .notEqual, "NumPy broadcasting; float32, float64, int32, int64, bool; bool output"),
        comparison("Less", .less, comparing),
        comparison("LessEqual", .lessEqual, comparing),
        comparison("Greater", .greater, comparing),
        comparison("GreaterEqual", .greaterEqual, comparing),
        Entry(["Select"], .binary, "bool condition of t's shape, a scalar, or a vector choosing rows") { typeName, _ in
            SelectOp(typeName: typeName)
        },
        Entry(["SelectV2"], .binary, "bool condition; NumPy broadcasting of all three inputs") { typeName, _ in
            SelectOp(typeName: typeName)
        },
        Entry(["Max", "Min", "Prod"], .reduction, "constant axes; keep_dims; float32, float64, int32, int64") { typeName, attributes in
            try ReduceOp(typeName: typeName, attributes)
        },
        Entry(["All", "Any"], .reduction, "constant axes; keep_dims; bool") { typeName, attributes in
            try ReduceOp(typeName: typeName, attributes)
        },
        Entry(["ArgMax", "ArgMin"], .reduction, "constant axis; output_type int32 or int64; the first index of ties") {
            typeName, attributes in try ArgExtremumOp(typeName: typeName, attributes)
        },
        Entry(["IdentityN"], .graph, "output k is input k; removed by planning") { typeName, _ in IdentityNOp(typeName: typeName) },
        Entry(["LRN"], .normalization, "across channels; depth_radius, bias, alpha, beta; float32 \(nhwc)") { _, attributes in
            try LRNOp(attributes)
        },
    ]

    /// The row of each op type.
    private static let entryByName: [String: Entry] = {
        var table: [String: Entry] = [:]
        for entry in entries {
            for name in entry.names {
                precondition(table[name] == nil, "op \(name) is in the op table twice")
                table[name] = entry
            }
        }
        return table
    }()

    /// The row for a TensorFlow op type, or nil when the engine does not run it.
    static func entry(for typeName: String) -> Entry? { entryByName[typeName] }

    /// The names of every supported op type.
    static let supportedNames = Set(entries.flatMap(\.names))

    /// Every TensorFlow op type the engine runs, grouped by family in ``OpFamily`` order, in table order within
    /// a family.
    public static let supported: [SupportedOp] = OpFamily.allCases.flatMap { family in
        entries.filter { $0.family == family }.flatMap { entry in
            entry.names.map { SupportedOp(name: $0, family: family, note: entry.note) }
        }
    }
}
