#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An n-dimensional array of one ``DType``, stored densely in row-major (C) order.
///
/// `Tensor` is a value type with copy-on-write storage: copies are cheap until one of them is mutated.
public struct Tensor: Sendable, CustomStringConvertible {
    /// The element type.
    public let dtype: DType
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The memory holding the elements.
    public private(set) var storage: TensorStorage

    /// Number of elements (the product of `shape`).
    public var elementCount: Int { shape.reduce(1, *) }
    /// Number of bytes the elements take.
    public var byteCount: Int { elementCount * dtype.byteSize }
    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// A zero-filled tensor. Throws when a dimension is negative or the size overflows.
    public init(zeros dtype: DType, shape: [Int]) throws(TensorError) {
        guard let bytes = ShapeMath.byteCount(shape, dtype: dtype) else {
            throw TensorError("invalid shape \(ShapeMath.describe(shape)) for \(dtype)")
        }
        self.dtype = dtype
        self.shape = shape
        self.storage = TensorStorage(byteCount: bytes)
    }

    /// Wraps existing storage; `storage` must hold at least the bytes `shape` and `dtype` need.
    public init(dtype: DType, shape: [Int], storage: TensorStorage) throws(TensorError) {
        guard let bytes = ShapeMath.byteCount(shape, dtype: dtype), bytes <= storage.byteCount else {
            throw TensorError("storage of \(storage.byteCount) bytes is too small for \(dtype) \(ShapeMath.describe(shape))")
        }
        self.dtype = dtype
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init<Element: TensorElement>(shape: [Int], scalars: [Element]) throws(TensorError) {
        guard let count = ShapeMath.elementCount(shape), count == scalars.count else {
            throw TensorError("\(scalars.count) values do not fill shape \(ShapeMath.describe(shape))")
        }
        try self.init(zeros: Element.dtype, shape: shape)
        scalars.withUnsafeBytes { source in
            if let address = source.baseAddress { storage.base.copyMemory(from: address, byteCount: source.count) }
        }
    }

    /// A rank-0 tensor holding one value.
    public init<Element: TensorElement>(scalar: Element) {
        // A rank-0 shape of one element can never fail.
        self = try! Tensor(shape: [], scalars: [scalar])
    }

    /// A tensor of `shape` whose bytes are copied from `bytes` (which must be exactly the size `shape` needs).
    public init(dtype: DType, shape: [Int], bytes: UnsafeRawBufferPointer) throws(TensorError) {
        guard let needed = ShapeMath.byteCount(shape, dtype: dtype), needed == bytes.count else {
            throw TensorError("\(bytes.count) bytes do not fill \(dtype) \(ShapeMath.describe(shape))")
        }
        try self.init(zeros: dtype, shape: shape)
        if let address = bytes.baseAddress, needed > 0 { storage.base.copyMemory(from: address, byteCount: needed) }
    }

    /// The same elements viewed with another shape of equal element count (no copy).
    public func reshaped(to newShape: [Int]) throws(TensorError) -> Tensor {
        guard let count = ShapeMath.elementCount(newShape), count == elementCount else {
            throw TensorError("cannot reshape \(ShapeMath.describe(shape)) to \(ShapeMath.describe(newShape))")
        }
        return try Tensor(dtype: dtype, shape: newShape, storage: storage)
    }

    /// The elements as a Swift array. Throws when `Element` is not this tensor's dtype.
    public func scalars<Element: TensorElement>(as type: Element.Type = Element.self) throws(TensorError) -> [Element] {
        guard Element.dtype == dtype else {
            throw TensorError("tensor is \(dtype), not \(Element.dtype)")
        }
        let count = elementCount
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let address = buffer.baseAddress {
                UnsafeMutableRawPointer(address).copyMemory(from: storage.base, byteCount: count * dtype.byteSize)
            }
            initialized = count
        }
    }

    /// The elements converted to `Double` (for printing and comparisons), whatever the dtype.
    public func doubleValues() -> [Double] {
        let count = elementCount
        let base = UnsafeRawPointer(storage.base)
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count {
            values[i] = Tensor.loadDouble(base, index: i, dtype: dtype)
        }
        return values
    }

    /// Reads element `index` of a buffer of `dtype` as a `Double`.
    @inlinable
    public static func loadDouble(_ base: UnsafeRawPointer, index: Int, dtype: DType) -> Double {
        switch dtype {
        case .float32: return Double(base.load(fromByteOffset: index * 4, as: Float.self))
        case .float64: return base.load(fromByteOffset: index * 8, as: Double.self)
        case .int32: return Double(base.load(fromByteOffset: index * 4, as: Int32.self))
        case .int64: return Double(base.load(fromByteOffset: index * 8, as: Int64.self))
        case .uint8: return Double(base.load(fromByteOffset: index, as: UInt8.self))
        case .int8: return Double(base.load(fromByteOffset: index, as: Int8.self))
        case .int16: return Double(base.load(fromByteOffset: index * 2, as: Int16.self))
        case .uint16: return Double(base.load(fromByteOffset: index * 2, as: UInt16.self))
        case .bool: return base.load(fromByteOffset: index, as: UInt8.self) != 0 ? 1 : 0
        case .float16: return Double(HalfFloat.toFloat(base.load(fromByteOffset: index * 2, as: UInt16.self)))
        case .bfloat16:
            return Double(Float(bitPattern: UInt32(base.load(fromByteOffset: index * 2, as: UInt16.self)) << 16))
        }
    }

    /// Read-only access to the raw element bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: byteCount))
    }

    /// Mutable access to the raw element bytes; copies the storage first if it is shared.
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            let copy = TensorStorage(byteCount: byteCount)
            copy.base.copyMemory(from: storage.base, byteCount: byteCount)
            storage = copy
        }
        return try body(UnsafeMutableRawBufferPointer(start: storage.base, count: byteCount))
    }

    /// A short description: dtype and shape.
    public var description: String { "\(dtype)\(ShapeMath.describe(shape))" }
}

/// IEEE half-precision conversions.
public enum HalfFloat {
    /// Converts half-precision bits to a `Float`.
    @inlinable
    public static func toFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = Int((bits >> 10) & 0x1f)
        let mantissa = UInt32(bits & 0x3ff)
        if exponent == 0 {
            if mantissa == 0 { return Float(bitPattern: sign) }
            // Subnormal: value = mantissa * 2^-24.
            let value = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -value : value
        }
        if exponent == 31 {
            return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | (UInt32(exponent - 15 + 127) << 23) | (mantissa << 13))
    }
}
