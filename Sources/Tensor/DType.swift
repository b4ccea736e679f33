/// The element type of a ``Tensor``.
///
/// Raw values are TensorFlow's `DataType` enum numbers, so a GraphDef's `dtype` attribute maps
/// directly with ``DType/init(tensorFlowValue:)``.
public enum DType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    /// 32-bit IEEE float.
    case float32 = 1
    /// 64-bit IEEE float.
    case float64 = 2
    /// Signed 32-bit integer.
    case int32 = 3
    /// Unsigned 8-bit integer.
    case uint8 = 4
    /// Signed 16-bit integer.
    case int16 = 5
    /// Signed 8-bit integer.
    case int8 = 6
    /// Signed 64-bit integer.
    case int64 = 9
    /// Boolean, one byte per element (0 or 1).
    case bool = 10
    /// bfloat16 (the upper half of a float32).
    case bfloat16 = 14
    /// Unsigned 16-bit integer.
    case uint16 = 17
    /// IEEE half precision.
    case float16 = 19

    /// Maps a TensorFlow `DataType` number (reference types `_REF`, 101..., are accepted) to a dtype.
    public init?(tensorFlowValue value: Int32) {
        self.init(rawValue: value > 100 ? value - 100 : value)
    }

    /// Bytes one element takes.
    public var byteSize: Int {
        switch self {
        case .uint8, .int8, .bool: return 1
        case .int16, .uint16, .float16, .bfloat16: return 2
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        }
    }

    /// TensorFlow's (and NumPy's) name for the type: `float32`, `uint8`, ...
    public var description: String {
        switch self {
        case .float32: return "float32"
        case .float64: return "float64"
        case .int32: return "int32"
        case .uint8: return "uint8"
        case .int16: return "int16"
        case .int8: return "int8"
        case .int64: return "int64"
        case .bool: return "bool"
        case .bfloat16: return "bfloat16"
        case .uint16: return "uint16"
        case .float16: return "float16"
        }
    }

    /// Whether the type is a floating-point type.
    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .float64, .float16, .bfloat16: return true
        default: return false
        }
    }

    /// Whether the type is a (signed or unsigned) integer type.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16: return true
        default: return false
        }
    }
}
