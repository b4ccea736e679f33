/// A Swift type that can be an element of a ``Tensor``.
public protocol TensorElement: Sendable {
    /// The dtype whose elements have this Swift type.
    static var dtype: DType { get }
}

extension Float: TensorElement { public static var dtype: DType { .float32 } }
extension Double: TensorElement { public static var dtype: DType { .float64 } }
extension Int32: TensorElement { public static var dtype: DType { .int32 } }
extension Int64: TensorElement { public static var dtype: DType { .int64 } }
extension UInt8: TensorElement { public static var dtype: DType { .uint8 } }
extension Int8: TensorElement { public static var dtype: DType { .int8 } }
extension Int16: TensorElement { public static var dtype: DType { .int16 } }
extension UInt16: TensorElement { public static var dtype: DType { .uint16 } }
extension Bool: TensorElement { public static var dtype: DType { .bool } }
