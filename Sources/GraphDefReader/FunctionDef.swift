/// A function of a graph's library (tensorflow/core/framework/function.proto): a signature, a body of nodes
/// and which body outputs it returns. TensorFlow 2 keeps `tf.function` calls (`PartitionedCall`,
/// `StatefulPartitionedCall`) and their functions in frozen graphs it could not inline.
///
/// Body node inputs name a function argument (`x`), a body node's output by output-argument name and index
/// (`conv/Conv2D:output:0`), or a control dependency (`^node`).
public struct FunctionDef: Sendable {
    /// One input or output argument of a function's signature (`OpDef.ArgDef`).
    public struct Argument: Sendable, Hashable {
        /// The argument's name, which body inputs and `returns` refer to.
        public var name: String
        /// The data type, when fixed by the signature.
        public var type: DataType?
        /// The attribute naming the type, for a polymorphic argument.
        public var typeAttribute: String
        /// The attribute giving the length, for a list of tensors of one type.
        public var numberAttribute: String
        /// The attribute giving the types, for a list of tensors of several types.
        public var typeListAttribute: String

        /// Creates an argument.
        public init(name: String, type: DataType? = nil, typeAttribute: String = "", numberAttribute: String = "",
                    typeListAttribute: String = "") {
            self.name = name
            self.type = type
            self.typeAttribute = typeAttribute
            self.numberAttribute = numberAttribute
            self.typeListAttribute = typeListAttribute
        }

        /// Whether the argument stands for a list of tensors rather than one.
        public var isList: Bool { !numberAttribute.isEmpty || !typeListAttribute.isEmpty }
    }

    /// The function's name (`signature.name`), which call nodes refer to.
    public var name: String
    /// The input arguments, in call order.
    public var inputs: [Argument]
    /// The output arguments, in output order.
    public var outputs: [Argument]
    /// The body.
    public var nodes: [NodeDef]
    /// For each output argument name, the body output (or input argument) it returns.
    public var returns: [String: String]
    /// For each control output name, the body node that must run (`control_ret`).
    public var controlReturns: [String: String]
    /// The function's attributes (e.g. `_noinline`).
    public var attributes: [String: AttrValue]

    /// Creates a function.
    public init(name: String, inputs: [Argument] = [], outputs: [Argument] = [], nodes: [NodeDef] = [],
                returns: [String: String] = [:], controlReturns: [String: String] = [:],
                attributes: [String: AttrValue] = [:]) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.nodes = nodes
        self.returns = returns
        self.controlReturns = controlReturns
        self.attributes = attributes
    }
}

extension FunctionDef {
    /// Decodes a `FunctionDef`: signature 1, node_def 3, ret 4 (map<string, string>), attr 5, control_ret 6;
    /// arg_attr (7), resource_arg_unique_id (8) and unknown fields are skipped. Body nodes count against
    /// `nodeBudget` (what is left of `limits.maxNodes`) and sit `depth + 1` messages deep.
    init(from reader: inout ProtoReader, index: Int, depth: Int, limits: ReaderLimits,
         nodeBudget: inout Int) throws(GraphDefError) {
        self.init(name: "")
        do throws(GraphDefError) {
            try checkNesting(depth, limits, "function", offset: reader.position)
            while !reader.isAtEnd {
                let tag = try reader.readTag()
                switch tag.field {
                case 1:
                    var signatureReader = try reader.readMessageField(tag, "signature")
                    try decodeSignature(from: &signatureReader, depth: depth + 1, limits: limits)
                case 3:
                    guard nodeBudget > 0 else {
                        throw GraphDefError(.limitExceeded, "the graph and its functions have more than maxNodes \(limits.maxNodes) nodes",
                                            offset: tag.offset)
                    }
                    nodeBudget -= 1
                    var nodeReader = try reader.readMessageField(tag, "node_def")
                    nodes.append(try NodeDef(from: &nodeReader, index: nodes.count, limits: limits, depth: depth + 1))
                case 4:
                    var entryReader = try reader.readMessageField(tag, "ret")
                    let (key, value) = try Self.decodeStringEntry(from: &entryReader, "ret")
                    returns[key] = value
                case 5:
                    var entryReader = try reader.readMessageField(tag, "attr")
                    let (key, value) = try NodeDef.decodeAttributeEntry(from: &entryReader, limits: limits, depth: depth + 1)
                    attributes[key] = value
                case 6:
                    var entryReader = try reader.readMessageField(tag, "control_ret")
                    let (key, value) = try Self.decodeStringEntry(from: &entryReader, "control_ret")
                    controlReturns[key] = value
                default:
                    try reader.skipField(tag)
                }
            }
        } catch {
            throw error.within(name.isEmpty ? "function[\(index)]" : "function[\(index)] '\(name)'")
        }
    }

    /// Decodes the signature (`OpDef`): name 1, input_arg 2, output_arg 3; the rest is skipped.
    private mutating func decodeSignature(from reader: inout ProtoReader, depth: Int, limits: ReaderLimits) throws(GraphDefError) {
        try checkNesting(depth, limits, "signature", offset: reader.position)
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 1: name = try reader.readStringField(tag, "name")
            case 2:
                var argumentReader = try reader.readMessageField(tag, "input_arg")
                inputs.append(try Self.decodeArgument(from: &argumentReader))
            case 3:
                var argumentReader = try reader.readMessageField(tag, "output_arg")
                outputs.append(try Self.decodeArgument(from: &argumentReader))
            default: try reader.skipField(tag)
            }
        }
    }

    /// Decodes an `ArgDef`: name 1, type 3, type_attr 4, number_attr 5, type_list_attr 6; the rest is skipped.
    private static func decodeArgument(from reader: inout ProtoReader) throws(GraphDefError) -> Argument {
        var argument = Argument(name: "")
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 1: argument.name = try reader.readStringField(tag, "name")
            case 3:
                let raw = Int32(truncatingIfNeeded: try reader.readVarintField(tag, "type"))
                argument.type = raw == 0 ? nil : DataType(rawValue: raw)
            case 4: argument.typeAttribute = try reader.readStringField(tag, "type_attr")
            case 5: argument.numberAttribute = try reader.readStringField(tag, "number_attr")
            case 6: argument.typeListAttribute = try reader.readStringField(tag, "type_list_attr")
            default: try reader.skipField(tag)
            }
        }
        return argument
    }

    /// Decodes one `map<string, string>` entry (key 1, value 2).
    private static func decodeStringEntry(from reader: inout ProtoReader, _ what: String) throws(GraphDefError) -> (String, String) {
        var key = "", value = ""
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 1: key = try reader.readStringField(tag, "\(what) key")
            case 2: value = try reader.readStringField(tag, "\(what) value")
            default: try reader.skipField(tag)
            }
        }
        return (key, value)
    }
}

/// Decodes a `FunctionDefLibrary`: function 1; gradient (2) and registered_gradients (3) are skipped.
func decodeFunctionLibrary(from reader: inout ProtoReader, limits: ReaderLimits, nodeBudget: inout Int,
                           into functions: inout [FunctionDef]) throws(GraphDefError) {
    try checkNesting(1, limits, "library", offset: reader.position)
    while !reader.isAtEnd {
        let tag = try reader.readTag()
        if tag.field == 1 {
            var functionReader = try reader.readMessageField(tag, "function")
            functions.append(try FunctionDef(from: &functionReader, index: functions.count, depth: 2, limits: limits,
                                             nodeBudget: &nodeBudget))
        } else {
            try reader.skipField(tag)
        }
    }
}
