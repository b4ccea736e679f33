/// A constant tensor as stored in a GraphDef (tensorflow/core/framework/tensor.proto).
///
/// Holds either `tensorContent` (packed little-endian bytes, a slice of the file: no copy) or one of the
/// typed `*Val` fields. Use `elementBytes(maxBytes:)` to get the elements in one uniform layout.
public struct TensorProto: Sendable {
    /// The element type.
    public var dtype: DataType
    /// The tensor's shape.
    public var shape: TensorShapeProto
    /// Packed little-endian element bytes, a slice of the serialized GraphDef (shares its storage).
    public var tensorContent: ArraySlice<UInt8>
    /// `float_val` (DT_FLOAT).
    public var floatVal: [Float]
    /// `double_val` (DT_DOUBLE).
    public var doubleVal: [Double]
    /// `int_val` (DT_INT32, DT_INT16, DT_INT8, DT_UINT8, DT_UINT16 and the quantized types).
    public var intVal: [Int32]
    /// `int64_val` (DT_INT64).
    public var int64Val: [Int64]
    /// `bool_val` (DT_BOOL).
    public var boolVal: [Bool]
    /// `half_val`: bit patterns of DT_HALF and DT_BFLOAT16 in the low 16 bits.
    public var halfVal: [Int32]
    /// `uint32_val` (DT_UINT32).
    public var uint32Val: [UInt32]
    /// `uint64_val` (DT_UINT64).
    public var uint64Val: [UInt64]
    /// `string_val` (DT_STRING), slices of the serialized GraphDef.
    public var stringVal: [ArraySlice<UInt8>]
    /// `scomplex_val` (DT_COMPLEX64): real and imaginary parts interleaved.
    public var scomplexVal: [Float]
    /// `dcomplex_val` (DT_COMPLEX128): real and imaginary parts interleaved.
    public var dcomplexVal: [Double]

    /// Creates a tensor; every value field defaults to empty.
    public init(dtype: DataType = .invalid, shape: TensorShapeProto = TensorShapeProto(),
                tensorContent: ArraySlice<UInt8> = [], floatVal: [Float] = [], doubleVal: [Double] = [],
                intVal: [Int32] = [], int64Val: [Int64] = [], boolVal: [Bool] = [], halfVal: [Int32] = [],
                uint32Val: [UInt32] = [], uint64Val: [UInt64] = [], stringVal: [ArraySlice<UInt8>] = [],
                scomplexVal: [Float] = [], dcomplexVal: [Double] = []) {
        self.dtype = dtype
        self.shape = shape
        self.tensorContent = tensorContent
        self.floatVal = floatVal
        self.doubleVal = doubleVal
        self.intVal = intVal
        self.int64Val = int64Val
        self.boolVal = boolVal
        self.halfVal = halfVal
        self.uint32Val = uint32Val
        self.uint64Val = uint64Val
        self.stringVal = stringVal
        self.scomplexVal = scomplexVal
        self.dcomplexVal = dcomplexVal
    }
}

extension TensorProto {
    /// Decodes a `TensorProto`. Repeated numeric fields are accepted packed and unpacked; resource_handle_val
    /// (14), variant_val (15) and unknown fields are skipped. The payload is capped at `limits.maxTensorBytes`.
    init(from reader: inout ProtoReader, depth: Int, limits: ReaderLimits) throws(GraphDefError) {
        try checkNesting(depth, limits, "tensor", offset: reader.position)
        self.init()
        let maxBytes = limits.maxTensorBytes
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 1:
                dtype = DataType(rawValue: Int32(truncatingIfNeeded: try reader.readVarintField(tag, "dtype")))
            case 2:
                var shapeReader = try reader.readMessageField(tag, "tensor_shape")
                do throws(GraphDefError) {
                    shape = try TensorShapeProto(from: &shapeReader, depth: depth + 1, limits: limits)
                } catch {
                    throw error.within("tensor_shape")
                }
            case 4:
                let content = try reader.readBytesField(tag, "tensor_content")
                guard content.count <= maxBytes else {
                    throw GraphDefError(.limitExceeded,
                                        "tensor_content has \(content.count) bytes, above maxTensorBytes \(maxBytes)",
                                        offset: content.startIndex)
                }
                tensorContent = content
            case 5:
                try reader.appendFixed(tag, "float_val", width: 4, to: &floatVal, maxCount: maxBytes / 4) {
                    Float(bitPattern: UInt32(truncatingIfNeeded: $0))
                }
            case 6:
                try reader.appendFixed(tag, "double_val", width: 8, to: &doubleVal, maxCount: maxBytes / 8) {
                    Double(bitPattern: $0)
                }
            case 7:
                try reader.appendVarints(tag, "int_val", to: &intVal, maxCount: maxBytes / 4) {
                    Int32(truncatingIfNeeded: $0)
                }
            case 8:
                let value = try reader.readBytesField(tag, "string_val")
                stringVal.append(value)
            case 9:
                try reader.appendFixed(tag, "scomplex_val", width: 4, to: &scomplexVal, maxCount: maxBytes / 4) {
                    Float(bitPattern: UInt32(truncatingIfNeeded: $0))
                }
            case 10:
                try reader.appendVarints(tag, "int64_val", to: &int64Val, maxCount: maxBytes / 8) {
                    Int64(bitPattern: $0)
                }
            case 11:
                try reader.appendVarints(tag, "bool_val", to: &boolVal, maxCount: maxBytes) { $0 != 0 }
            case 12:
                try reader.appendFixed(tag, "dcomplex_val", width: 8, to: &dcomplexVal, maxCount: maxBytes / 8) {
                    Double(bitPattern: $0)
                }
            case 13:
                try reader.appendVarints(tag, "half_val", to: &halfVal, maxCount: maxBytes / 4) {
                    Int32(truncatingIfNeeded: $0)
                }
            case 16:
                try reader.appendVarints(tag, "uint32_val", to: &uint32Val, maxCount: maxBytes / 4) {
                    UInt32(truncatingIfNeeded: $0)
                }
            case 17:
                try reader.appendVarints(tag, "uint64_val", to: &uint64Val, maxCount: maxBytes / 8) { $0 }
            default:
                // 3 = version_number, 14 = resource_handle_val, 15 = variant_val, and unknown fields.
                try reader.skipField(tag)
            }
        }
    }
}
