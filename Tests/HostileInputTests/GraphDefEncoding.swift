import GraphDefReader

/// A protobuf writer for hand-made hostile inputs: well-formed fields, raw bytes, and anything in between.
struct ProtoBytes {
    var bytes: [UInt8] = []

    static let varint: UInt8 = 0, fixed64: UInt8 = 1, lengthDelimited: UInt8 = 2, fixed32: UInt8 = 5

    /// Appends a base-128 varint.
    mutating func rawVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func tag(_ field: UInt32, _ wireType: UInt8) { rawVarint(UInt64(field) << 3 | UInt64(wireType)) }

    mutating func varint(_ field: UInt32, _ value: UInt64) {
        tag(field, Self.varint)
        rawVarint(value)
    }

    mutating func int(_ field: UInt32, _ value: Int64) { varint(field, UInt64(bitPattern: value)) }

    mutating func fixed32(_ field: UInt32, _ value: UInt32) {
        tag(field, Self.fixed32)
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func fixed64(_ field: UInt32, _ value: UInt64) {
        tag(field, Self.fixed64)
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func data(_ field: UInt32, _ payload: [UInt8]) {
        tag(field, Self.lengthDelimited)
        rawVarint(UInt64(payload.count))
        bytes += payload
    }

    mutating func string(_ field: UInt32, _ text: String) { data(field, Array(text.utf8)) }

    mutating func message(_ field: UInt32, _ build: (inout ProtoBytes) -> Void) {
        var nested = ProtoBytes()
        build(&nested)
        data(field, nested.bytes)
    }
}

/// Serializes GraphDefReader's model types to the binary GraphDef wire format (field numbers from TensorFlow's
/// graph.proto, node_def.proto, attr_value.proto, tensor.proto and tensor_shape.proto), so that hostile graphs
/// can be written as files and fed through the same decoder as real ones.
enum GraphDefEncoding {
    static func encode(_ nodes: [NodeDef], functions: [FunctionDef] = []) -> [UInt8] {
        var graph = ProtoBytes()
        for node in nodes { graph.data(1, encode(node)) }
        if !functions.isEmpty {
            graph.message(2) { library in
                for function in functions { library.data(1, encode(function)) }
            }
        }
        return graph.bytes
    }

    /// A `FunctionDef`: signature 1 (name 1, input_arg 2, output_arg 3), node_def 3, ret 4, attr 5, control_ret 6.
    static func encode(_ function: FunctionDef) -> [UInt8] {
        func argument(_ argument: FunctionDef.Argument) -> [UInt8] {
            var writer = ProtoBytes()
            writer.string(1, argument.name)
            if let type = argument.type { writer.int(3, Int64(type.rawValue)) }
            if !argument.typeAttribute.isEmpty { writer.string(4, argument.typeAttribute) }
            if !argument.numberAttribute.isEmpty { writer.string(5, argument.numberAttribute) }
            if !argument.typeListAttribute.isEmpty { writer.string(6, argument.typeListAttribute) }
            return writer.bytes
        }
        var writer = ProtoBytes()
        writer.message(1) { signature in
            signature.string(1, function.name)
            for input in function.inputs { signature.data(2, argument(input)) }
            for output in function.outputs { signature.data(3, argument(output)) }
        }
        for node in function.nodes { writer.data(3, encode(node)) }
        for key in function.returns.keys.sorted() {
            writer.message(4) { entry in
                entry.string(1, key)
                entry.string(2, function.returns[key]!)
            }
        }
        for key in function.controlReturns.keys.sorted() {
            writer.message(6) { entry in
                entry.string(1, key)
                entry.string(2, function.controlReturns[key]!)
            }
        }
        return writer.bytes
    }

    static func encode(_ node: NodeDef) -> [UInt8] {
        var writer = ProtoBytes()
        writer.string(1, node.name)
        writer.string(2, node.op)
        for input in node.inputs { writer.string(3, input) }
        for key in node.attributes.keys.sorted() {
            writer.message(5) { entry in
                entry.string(1, key)
                entry.data(2, encode(node.attributes[key]!))
            }
        }
        return writer.bytes
    }

    static func encode(_ value: AttrValue) -> [UInt8] {
        var writer = ProtoBytes()
        switch value {
        case .list(let list): writer.data(1, encode(list))
        case .bytes(let bytes): writer.data(2, bytes)
        case .int(let int): writer.int(3, int)
        case .float(let float): writer.fixed32(4, float.bitPattern)
        case .bool(let bool): writer.varint(5, bool ? 1 : 0)
        case .type(let type): writer.int(6, Int64(type.rawValue))
        case .shape(let shape): writer.data(7, encode(shape))
        case .tensor(let tensor): writer.data(8, encode(tensor))
        case .placeholder(let name): writer.string(9, name)
        case .function(let name): writer.message(10) { $0.string(1, name) }
        case .empty: break
        }
        return writer.bytes
    }

    static func encode(_ list: AttrList) -> [UInt8] {
        var writer = ProtoBytes()
        for bytes in list.bytes { writer.data(2, bytes) }
        for int in list.ints { writer.int(3, int) }
        for float in list.floats { writer.fixed32(4, float.bitPattern) }
        for bool in list.bools { writer.varint(5, bool ? 1 : 0) }
        for type in list.types { writer.int(6, Int64(type.rawValue)) }
        for shape in list.shapes { writer.data(7, encode(shape)) }
        for tensor in list.tensors { writer.data(8, encode(tensor)) }
        for function in list.functions { writer.message(9) { $0.string(1, function) } }
        return writer.bytes
    }

    static func encode(_ shape: TensorShapeProto) -> [UInt8] {
        var writer = ProtoBytes()
        for dim in shape.dims { writer.message(2) { $0.int(1, dim) } }
        if shape.unknownRank { writer.varint(3, 1) }
        return writer.bytes
    }

    static func encode(_ tensor: TensorProto) -> [UInt8] {
        var writer = ProtoBytes()
        writer.int(1, Int64(tensor.dtype.rawValue))
        writer.data(2, encode(tensor.shape))
        if !tensor.tensorContent.isEmpty { writer.data(4, Array(tensor.tensorContent)) }
        for value in tensor.floatVal { writer.fixed32(5, value.bitPattern) }
        for value in tensor.doubleVal { writer.fixed64(6, value.bitPattern) }
        for value in tensor.intVal { writer.int(7, Int64(value)) }
        for value in tensor.int64Val { writer.int(10, value) }
        for value in tensor.boolVal { writer.varint(11, value ? 1 : 0) }
        return writer.bytes
    }
}

/// Builds hostile graphs node by node.
struct HostileGraph {
    var nodes: [NodeDef] = []
    var functions: [FunctionDef] = []

    var bytes: [UInt8] { GraphDefEncoding.encode(nodes, functions: functions) }

    mutating func placeholder(_ name: String, _ type: DataType = .float, shape: [Int64]?) {
        var attributes: [String: AttrValue] = ["dtype": .type(type)]
        if let shape { attributes["shape"] = .shape(TensorShapeProto(dims: shape)) }
        nodes.append(NodeDef(name: name, op: "Placeholder", attributes: attributes))
    }

    mutating func const(_ name: String, _ values: [Float], shape: [Int64]) {
        const(name, TensorProto(dtype: .float, shape: TensorShapeProto(dims: shape), floatVal: values))
    }

    mutating func constInt(_ name: String, _ values: [Int32], shape: [Int64]) {
        const(name, TensorProto(dtype: .int32, shape: TensorShapeProto(dims: shape), intVal: values))
    }

    mutating func constInt64(_ name: String, _ values: [Int64], shape: [Int64]) {
        const(name, TensorProto(dtype: .int64, shape: TensorShapeProto(dims: shape), int64Val: values))
    }

    mutating func const(_ name: String, _ proto: TensorProto) {
        nodes.append(NodeDef(name: name, op: "Const", attributes: ["dtype": .type(proto.dtype), "value": .tensor(proto)]))
    }

    /// A node of `op`; `T` defaults to float.
    mutating func op(_ name: String, _ op: String, _ inputs: [String], _ attributes: [String: AttrValue] = [:]) {
        var attributes = attributes
        if attributes["T"] == nil { attributes["T"] = .type(.float) }
        nodes.append(NodeDef(name: name, op: op, inputs: inputs, attributes: attributes))
    }
}

extension AttrValue {
    /// A list-of-ints attribute.
    static func ints(_ values: [Int64]) -> AttrValue { .list(AttrList(ints: values)) }
    /// A string attribute.
    static func text(_ value: String) -> AttrValue { .bytes(Array(value.utf8)) }
}
