/// A TensorFlow `DataType` enum value (tensorflow/core/framework/types.proto).
///
/// Unknown values are kept as-is so that a graph using a newer type still loads; reference types
/// (`_REF`, raw value + 100) map to their value type through `base`.
public struct DataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The raw enum number as stored in the proto.
    public var rawValue: Int32

    /// Wraps a raw enum number (any value is accepted).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `DT_INVALID`, the proto default.
    public static let invalid = DataType(rawValue: 0)
    /// `DT_FLOAT`, 32-bit IEEE float.
    public static let float = DataType(rawValue: 1)
    /// `DT_DOUBLE`, 64-bit IEEE float.
    public static let double = DataType(rawValue: 2)
    /// `DT_INT32`.
    public static let int32 = DataType(rawValue: 3)
    /// `DT_UINT8`.
    public static let uint8 = DataType(rawValue: 4)
    /// `DT_INT16`.
    public static let int16 = DataType(rawValue: 5)
    /// `DT_INT8`.
    public static let int8 = DataType(rawValue: 6)
    /// `DT_STRING`, variable-length byte strings.
    public static let string = DataType(rawValue: 7)
    /// `DT_COMPLEX64`, a pair of 32-bit floats.
    public static let complex64 = DataType(rawValue: 8)
    /// `DT_INT64`.
    public static let int64 = DataType(rawValue: 9)
    /// `DT_BOOL`, one byte per element.
    public static let bool = DataType(rawValue: 10)
    /// `DT_QINT8`, quantized signed 8-bit.
    public static let qint8 = DataType(rawValue: 11)
    /// `DT_QUINT8`, quantized unsigned 8-bit.
    public static let quint8 = DataType(rawValue: 12)
    /// `DT_QINT32`, quantized signed 32-bit.
    public static let qint32 = DataType(rawValue: 13)
    /// `DT_BFLOAT16`, the upper half of a 32-bit float.
    public static let bfloat16 = DataType(rawValue: 14)
    /// `DT_QINT16`, quantized signed 16-bit.
    public static let qint16 = DataType(rawValue: 15)
    /// `DT_QUINT16`, quantized unsigned 16-bit.
    public static let quint16 = DataType(rawValue: 16)
    /// `DT_UINT16`.
    public static let uint16 = DataType(rawValue: 17)
    /// `DT_COMPLEX128`, a pair of 64-bit floats.
    public static let complex128 = DataType(rawValue: 18)
    /// `DT_HALF`, IEEE 754 binary16.
    public static let half = DataType(rawValue: 19)
    /// `DT_RESOURCE`, a handle to a resource.
    public static let resource = DataType(rawValue: 20)
    /// `DT_VARIANT`, an arbitrary C++ value.
    public static let variant = DataType(rawValue: 21)
    /// `DT_UINT32`.
    public static let uint32 = DataType(rawValue: 22)
    /// `DT_UINT64`.
    public static let uint64 = DataType(rawValue: 23)

    /// Offset TensorFlow adds to a type number for its reference (`_REF`) variant.
    private static let referenceOffset: Int32 = 100

    /// True for the `_REF` variants (raw value 101...).
    public var isReference: Bool { rawValue > Self.referenceOffset }

    /// The value type: strips the `_REF` variant, leaves every other value unchanged.
    public var base: DataType {
        isReference ? DataType(rawValue: rawValue - Self.referenceOffset) : self
    }

    /// Bytes per element in TensorFlow's packed little-endian layout (`tensor_content`), or nil for types
    /// without a fixed-width layout (invalid, string, resource, variant, unknown numbers). Uses `base`.
    public var byteSize: Int? {
        switch base {
        case .uint8, .int8, .bool, .qint8, .quint8: 1
        case .int16, .uint16, .qint16, .quint16, .half, .bfloat16: 2
        case .float, .int32, .uint32, .qint32: 4
        case .double, .int64, .uint64, .complex64: 8
        case .complex128: 16
        default: nil
        }
    }

    /// TensorFlow's Python name (`tf.float32.name`): "float32", "float16", "bfloat16", "uint8", ...;
    /// `_REF` variants get a "_ref" suffix, unknown numbers print as `DataType(<raw>)`.
    public var description: String {
        let name: String
        switch base {
        case .invalid: name = "invalid"
        case .float: name = "float32"
        case .double: name = "float64"
        case .int32: name = "int32"
        case .uint8: name = "uint8"
        case .int16: name = "int16"
        case .int8: name = "int8"
        case .string: name = "string"
        case .complex64: name = "complex64"
        case .int64: name = "int64"
        case .bool: name = "bool"
        case .qint8: name = "qint8"
        case .quint8: name = "quint8"
        case .qint32: name = "qint32"
        case .bfloat16: name = "bfloat16"
        case .qint16: name = "qint16"
        case .quint16: name = "quint16"
        case .uint16: name = "uint16"
        case .complex128: name = "complex128"
        case .half: name = "float16"
        case .resource: name = "resource"
        case .variant: name = "variant"
        case .uint32: name = "uint32"
        case .uint64: name = "uint64"
        default: return "DataType(\(rawValue))"
        }
        return isReference ? name + "_ref" : name
    }
}
