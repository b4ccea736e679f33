extension TensorProto {
    /// The number of elements of `shape`: the checked product of its dimensions (1 for a scalar).
    ///
    /// Throws `sizeMismatch` for an unknown rank or an unknown (negative) dimension, and `limitExceeded`
    /// when the product overflows `Int` or exceeds `limit`.
    public func elementCount(limit: Int = .max) throws(GraphDefError) -> Int {
        guard !shape.unknownRank else {
            throw GraphDefError(.sizeMismatch, "tensor shape has unknown rank")
        }
        var count = 1
        for dim in shape.dims {
            guard dim >= 0 else {
                throw GraphDefError(.sizeMismatch, "tensor shape \(shape.dims) has an unknown dimension")
            }
            guard let size = Int(exactly: dim) else {
                throw GraphDefError(.limitExceeded, "tensor dimension \(dim) does not fit in Int")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw GraphDefError(.limitExceeded, "element count of shape \(shape.dims) overflows")
            }
            count = product
        }
        guard count <= limit else {
            throw GraphDefError(.limitExceeded, "tensor of shape \(shape.dims) has \(count) elements, above \(limit)")
        }
        return count
    }

    /// The elements as packed little-endian bytes of `dtype` (1 byte per bool, 2 per half/bfloat16, 8 per
    /// complex64, ...), in row-major order for `shape`.
    ///
    /// When `tensorContent` is non-empty it is returned as-is (no copy); its size must equal
    /// count × element size. Otherwise the bytes are built from the typed `*Val` field following TensorFlow's
    /// rule: fewer values than elements repeat the last value, no values means zeros, more values than
    /// elements is an error. The size is checked against `maxBytes` before anything is allocated.
    public func elementBytes(maxBytes: Int = 1 << 32) throws(GraphDefError) -> ArraySlice<UInt8> {
        guard let elementSize = dtype.byteSize else {
            throw GraphDefError(.unsupportedDataType, "tensor of type \(dtype) has no fixed-width element layout")
        }
        let count = try elementCount()
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow, byteCount <= maxBytes else {
            throw GraphDefError(.limitExceeded,
                                "tensor of shape \(shape.dims) and type \(dtype) needs more than \(maxBytes) bytes")
        }
        if !tensorContent.isEmpty {
            guard tensorContent.count == byteCount else {
                throw GraphDefError(.sizeMismatch,
                                    "tensor_content has \(tensorContent.count) bytes, but shape \(shape.dims) of \(dtype) needs \(byteCount)",
                                    offset: tensorContent.startIndex)
            }
            return tensorContent
        }
        return try packTypedValues(count: count, byteCount: byteCount)
    }

    /// Builds the packed bytes from the typed value field that TensorFlow uses for `dtype`.
    private func packTypedValues(count: Int, byteCount: Int) throws(GraphDefError) -> ArraySlice<UInt8> {
        switch dtype.base {
        case .float:
            return try pack(floatVal, "float_val", count, byteCount) { $0.bitPattern.littleEndian }
        case .double:
            return try pack(doubleVal, "double_val", count, byteCount) { $0.bitPattern.littleEndian }
        case .int32, .qint32:
            return try pack(intVal, "int_val", count, byteCount) { $0.littleEndian }
        case .int16, .qint16:
            return try pack(intVal, "int_val", count, byteCount) { Int16(truncatingIfNeeded: $0).littleEndian }
        case .uint16, .quint16:
            return try pack(intVal, "int_val", count, byteCount) { UInt16(truncatingIfNeeded: $0).littleEndian }
        case .int8, .qint8:
            return try pack(intVal, "int_val", count, byteCount) { Int8(truncatingIfNeeded: $0) }
        case .uint8, .quint8:
            return try pack(intVal, "int_val", count, byteCount) { UInt8(truncatingIfNeeded: $0) }
        case .int64:
            return try pack(int64Val, "int64_val", count, byteCount) { $0.littleEndian }
        case .bool:
            return try pack(boolVal, "bool_val", count, byteCount) { UInt8($0 ? 1 : 0) }
        case .half, .bfloat16:
            return try pack(halfVal, "half_val", count, byteCount) { UInt16(truncatingIfNeeded: $0).littleEndian }
        case .uint32:
            return try pack(uint32Val, "uint32_val", count, byteCount) { $0.littleEndian }
        case .uint64:
            return try pack(uint64Val, "uint64_val", count, byteCount) { $0.littleEndian }
        case .complex64:
            return try pack(scomplexVal, "scomplex_val", count, byteCount, componentsPerElement: 2) { $0.bitPattern.littleEndian }
        case .complex128:
            return try pack(dcomplexVal, "dcomplex_val", count, byteCount, componentsPerElement: 2) { $0.bitPattern.littleEndian }
        default:
            throw GraphDefError(.unsupportedDataType, "tensor of type \(dtype) has no fixed-width element layout")
        }
    }

    /// Packs `values` with `encode` giving each stored component's little-endian form; an element is
    /// `componentsPerElement` consecutive values (2 for complex real/imaginary pairs).
    private func pack<Value, Stored: FixedWidthInteger>(
        _ values: [Value], _ field: String, _ count: Int, _ byteCount: Int, componentsPerElement: Int = 1,
        _ encode: (Value) -> Stored
    ) throws(GraphDefError) -> ArraySlice<UInt8> {
        guard values.count % componentsPerElement == 0 else {
            throw GraphDefError(.sizeMismatch,
                                "\(field) has \(values.count) components, not a multiple of \(componentsPerElement)")
        }
        let valueCount = values.count / componentsPerElement
        guard valueCount <= count else {
            throw GraphDefError(.sizeMismatch,
                                "\(field) has \(valueCount) values but shape \(shape.dims) has \(count) elements")
        }
        return ArraySlice(fillRepeatingLast(values.lazy.map(encode), byteCount: byteCount,
                                            period: componentsPerElement))
    }
}

/// Writes `encoded` into a new `byteCount`-byte buffer, then repeats its last `period` values until the
/// buffer is full (all zeros when `encoded` is empty). `encoded` must fit in `byteCount` bytes.
private func fillRepeatingLast<Values: Collection>(
    _ encoded: Values, byteCount: Int, period: Int = 1
) -> [UInt8] where Values.Element: FixedWidthInteger {
    let stride = MemoryLayout<Values.Element>.size
    guard !encoded.isEmpty else {
        return [UInt8](repeating: 0, count: byteCount)
    }
    return [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initializedCount in
        guard let base = UnsafeMutableRawPointer(buffer.baseAddress) else {
            initializedCount = 0
            return
        }
        var offset = 0
        for value in encoded {
            base.storeBytes(of: value, toByteOffset: offset, as: Values.Element.self)
            offset += stride
        }
        // Repeat the trailing `period` values: copy the periodic tail onto itself, doubling it each time.
        let patternStart = offset - period * stride
        var filled = offset
        while filled < byteCount {
            let chunk = min(filled - patternStart, byteCount - filled)
            (base + filled).copyMemory(from: base + patternStart, byteCount: chunk)
            filled += chunk
        }
        initializedCount = byteCount
    }
}
