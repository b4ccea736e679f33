/// A tiny protobuf encoder for building test inputs by hand, field by field.
struct TestProtoWriter {
    var bytes: [UInt8] = []
    /// Offsets where each top-level field starts, plus the end: truncating there leaves a valid message.
    var fieldBoundaries: [Int] = [0]

    static let varint: UInt8 = 0, fixed64: UInt8 = 1, lengthDelimited: UInt8 = 2, fixed32: UInt8 = 5

    mutating func rawVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func tag(_ field: UInt32, _ wireType: UInt8) {
        rawVarint(UInt64(field) << 3 | UInt64(wireType))
    }

    private mutating func endField() { fieldBoundaries.append(bytes.count) }

    mutating func varint(_ field: UInt32, _ value: UInt64) {
        tag(field, Self.varint); rawVarint(value); endField()
    }

    /// Signed values are sign-extended to 64 bits, as protobuf does for int32/int64.
    mutating func int(_ field: UInt32, _ value: Int64) { varint(field, UInt64(bitPattern: value)) }

    mutating func fixed32(_ field: UInt32, _ value: UInt32) {
        tag(field, Self.fixed32)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        endField()
    }

    mutating func fixed64(_ field: UInt32, _ value: UInt64) {
        tag(field, Self.fixed64)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        endField()
    }

    mutating func float(_ field: UInt32, _ value: Float) { fixed32(field, value.bitPattern) }

    mutating func data(_ field: UInt32, _ payload: [UInt8]) {
        tag(field, Self.lengthDelimited); rawVarint(UInt64(payload.count)); bytes += payload; endField()
    }

    mutating func string(_ field: UInt32, _ text: String) { data(field, Array(text.utf8)) }

    mutating func message(_ field: UInt32, _ build: (inout TestProtoWriter) -> Void) {
        var nested = TestProtoWriter()
        build(&nested)
        data(field, nested.bytes)
    }

    mutating func packedVarints(_ field: UInt32, _ values: [UInt64]) {
        var payload = TestProtoWriter()
        values.forEach { payload.rawVarint($0) }
        data(field, payload.bytes)
    }

    mutating func packedFixed32(_ field: UInt32, _ values: [UInt32]) {
        var payload: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.littleEndian) { payload += $0 } }
        data(field, payload)
    }

    mutating func packedFixed64(_ field: UInt32, _ values: [UInt64]) {
        var payload: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.littleEndian) { payload += $0 } }
        data(field, payload)
    }
}

/// Builders for TensorFlow messages, with the field numbers from the .proto files.
enum TF {
    static func shape(_ dims: [Int64], into writer: inout TestProtoWriter) {
        for dim in dims {
            writer.message(2) { $0.int(1, dim) }
        }
    }

    static func graph(_ build: (inout TestProtoWriter) -> Void) -> [UInt8] {
        var writer = TestProtoWriter()
        build(&writer)
        return writer.bytes
    }

    /// A NodeDef message (name 1, op 2, input 3, attr 5).
    static func node(_ name: String, _ op: String, inputs: [String] = [],
                     attrs: [(String, (inout TestProtoWriter) -> Void)] = []) -> TestProtoWriter {
        var writer = TestProtoWriter()
        writer.string(1, name)
        writer.string(2, op)
        inputs.forEach { writer.string(3, $0) }
        for (key, value) in attrs {
            writer.message(5) { entry in
                entry.string(1, key)
                entry.message(2, value)
            }
        }
        return writer
    }

    /// A GraphDef with one node per entry.
    static func graph(nodes: [TestProtoWriter]) -> [UInt8] {
        var writer = TestProtoWriter()
        nodes.forEach { writer.data(1, $0.bytes) }
        return writer.bytes
    }

    /// A `Const` whose value is a TensorProto with `dtype` (field 1) followed by what `tensor` writes.
    static func constNode(_ name: String, dtype: Int32,
                          tensor: @escaping (inout TestProtoWriter) -> Void) -> TestProtoWriter {
        node(name, "Const", attrs: [
            ("dtype", { $0.varint(6, UInt64(dtype)) }),
            ("value", { writer in writer.message(8) { $0.varint(1, UInt64(dtype)); tensor(&$0) } }),
        ])
    }
}
