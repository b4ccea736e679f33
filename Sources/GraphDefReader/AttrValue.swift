/// The value of a node attribute (tensorflow/core/framework/attr_value.proto).
public indirect enum AttrValue: Sendable {
    /// `s`: a byte string (often UTF-8 text such as a padding mode or data format).
    case bytes([UInt8])
    /// `i`: an integer.
    case int(Int64)
    /// `f`: a float.
    case float(Float)
    /// `b`: a boolean.
    case bool(Bool)
    /// `type`: a data type.
    case type(DataType)
    /// `shape`: a tensor shape.
    case shape(TensorShapeProto)
    /// `tensor`: a constant tensor.
    case tensor(TensorProto)
    /// `list`: a list of values.
    case list(AttrList)
    /// `func`: the name of a function (its attributes are not decoded).
    case function(String)
    /// `placeholder`: the name of a function attribute to substitute.
    case placeholder(String)
    /// No value field was set.
    case empty

    /// The integer, if this is `.int`.
    public var int: Int64? { if case .int(let value) = self { value } else { nil } }
    /// The float, if this is `.float`.
    public var float: Float? { if case .float(let value) = self { value } else { nil } }
    /// The boolean, if this is `.bool`.
    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    /// The data type, if this is `.type`.
    public var type: DataType? { if case .type(let value) = self { value } else { nil } }
    /// The shape, if this is `.shape`.
    public var shape: TensorShapeProto? { if case .shape(let value) = self { value } else { nil } }
    /// The tensor, if this is `.tensor`.
    public var tensor: TensorProto? { if case .tensor(let value) = self { value } else { nil } }
    /// The list, if this is `.list`.
    public var list: AttrList? { if case .list(let value) = self { value } else { nil } }
    /// The byte string, if this is `.bytes`.
    public var bytes: [UInt8]? { if case .bytes(let value) = self { value } else { nil } }
    /// The byte string decoded as UTF-8, if this is `.bytes` holding valid UTF-8.
    public var string: String? {
        if case .bytes(let value) = self { String(validating: value, as: UTF8.self) } else { nil }
    }
}

/// The `list` variant of an attribute value (`AttrValue.ListValue`). Normally only one field is non-empty.
public struct AttrList: Sendable {
    /// `s`: byte strings.
    public var bytes: [[UInt8]]
    /// `i`: integers (e.g. strides, ksize, dilations).
    public var ints: [Int64]
    /// `f`: floats.
    public var floats: [Float]
    /// `b`: booleans.
    public var bools: [Bool]
    /// `type`: data types.
    public var types: [DataType]
    /// `shape`: shapes.
    public var shapes: [TensorShapeProto]
    /// `tensor`: tensors.
    public var tensors: [TensorProto]
    /// `func`: function names.
    public var functions: [String]

    /// Creates a list; every field defaults to empty.
    public init(bytes: [[UInt8]] = [], ints: [Int64] = [], floats: [Float] = [], bools: [Bool] = [],
                types: [DataType] = [], shapes: [TensorShapeProto] = [], tensors: [TensorProto] = [],
                functions: [String] = []) {
        self.bytes = bytes
        self.ints = ints
        self.floats = floats
        self.bools = bools
        self.types = types
        self.shapes = shapes
        self.tensors = tensors
        self.functions = functions
    }
}

extension AttrValue {
    /// Decodes an `AttrValue` oneof: list 1, s 2, i 3, f 4, b 5, type 6, shape 7, tensor 8, placeholder 9,
    /// func 10. When several are present the last one wins, as in protobuf.
    init(from reader: inout ProtoReader, depth: Int, limits: ReaderLimits) throws(GraphDefError) {
        try checkNesting(depth, limits, "attr value", offset: reader.position)
        self = .empty
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 1:
                var listReader = try reader.readMessageField(tag, "list")
                do throws(GraphDefError) {
                    self = .list(try AttrList(from: &listReader, depth: depth + 1, limits: limits))
                } catch {
                    throw error.within("list")
                }
            case 2:
                self = .bytes(Array(try reader.readBytesField(tag, "s")))
            case 3:
                self = .int(Int64(bitPattern: try reader.readVarintField(tag, "i")))
            case 4:
                self = .float(try reader.readFloatField(tag, "f"))
            case 5:
                self = .bool(try reader.readVarintField(tag, "b") != 0)
            case 6:
                self = .type(DataType(rawValue: Int32(truncatingIfNeeded: try reader.readVarintField(tag, "type"))))
            case 7:
                var shapeReader = try reader.readMessageField(tag, "shape")
                do throws(GraphDefError) {
                    self = .shape(try TensorShapeProto(from: &shapeReader, depth: depth + 1, limits: limits))
                } catch {
                    throw error.within("shape")
                }
            case 8:
                var tensorReader = try reader.readMessageField(tag, "tensor")
                do throws(GraphDefError) {
                    self = .tensor(try TensorProto(from: &tensorReader, depth: depth + 1, limits: limits))
                } catch {
                    throw error.within("tensor")
                }
            case 9:
                self = .placeholder(try reader.readStringField(tag, "placeholder"))
            case 10:
                var functionReader = try reader.readMessageField(tag, "func")
                self = .function(try functionName(from: &functionReader))
            default:
                try reader.skipField(tag)
            }
        }
    }
}

extension AttrList {
    /// Decodes an `AttrValue.ListValue`: s 2, i 3, f 4, b 5, type 6 (numeric fields packed or not),
    /// shape 7, tensor 8, func 9.
    init(from reader: inout ProtoReader, depth: Int, limits: ReaderLimits) throws(GraphDefError) {
        try checkNesting(depth, limits, "attr list", offset: reader.position)
        self.init()
        // Each value occupies at least one byte of input, so no list can outgrow the message itself.
        let maxCount = reader.remaining
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 2:
                bytes.append(Array(try reader.readBytesField(tag, "s")))
            case 3:
                try reader.appendVarints(tag, "i", to: &ints, maxCount: maxCount) { Int64(bitPattern: $0) }
            case 4:
                try reader.appendFixed(tag, "f", width: 4, to: &floats, maxCount: maxCount) {
                    Float(bitPattern: UInt32(truncatingIfNeeded: $0))
                }
            case 5:
                try reader.appendVarints(tag, "b", to: &bools, maxCount: maxCount) { $0 != 0 }
            case 6:
                try reader.appendVarints(tag, "type", to: &types, maxCount: maxCount) {
                    DataType(rawValue: Int32(truncatingIfNeeded: $0))
                }
            case 7:
                var shapeReader = try reader.readMessageField(tag, "shape")
                do throws(GraphDefError) {
                    shapes.append(try TensorShapeProto(from: &shapeReader, depth: depth + 1, limits: limits))
                } catch {
                    throw error.within("shape[\(shapes.count)]")
                }
            case 8:
                var tensorReader = try reader.readMessageField(tag, "tensor")
                do throws(GraphDefError) {
                    tensors.append(try TensorProto(from: &tensorReader, depth: depth + 1, limits: limits))
                } catch {
                    throw error.within("tensor[\(tensors.count)]")
                }
            case 9:
                var functionReader = try reader.readMessageField(tag, "func")
                functions.append(try functionName(from: &functionReader))
            default:
                try reader.skipField(tag)
            }
        }
    }
}

/// Decodes the `name` (field 1) of a `NameAttrList`, skipping its attributes.
private func functionName(from reader: inout ProtoReader) throws(GraphDefError) -> String {
    var name = ""
    while !reader.isAtEnd {
        let tag = try reader.readTag()
        if tag.field == 1 {
            name = try reader.readStringField(tag, "name")
        } else {
            try reader.skipField(tag)
        }
    }
    return name
}
