import Tensor

/// The static type of a value during planning: its dtype and fully known shape.
public struct TensorType: Sendable, Hashable, CustomStringConvertible {
    /// The element type.
    public var dtype: DType
    /// The dimensions.
    public var shape: [Int]

    /// Creates a type.
    public init(_ dtype: DType, _ shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
    }

    /// Number of elements.
    public var elementCount: Int { shape.reduce(1, *) }
    /// Number of bytes.
    public var byteCount: Int { elementCount * dtype.byteSize }
    /// `float32[1,128,128,3]`.
    public var description: String { "\(dtype)\(ShapeMath.describe(shape))" }
}
