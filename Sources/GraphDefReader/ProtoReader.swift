/// The protobuf wire types (encoding.md). 3 and 4 are the deprecated group markers.
enum WireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// A field tag: field number and wire type.
struct FieldTag: Sendable {
    var field: UInt32
    var wireType: WireType
    /// Absolute offset of the tag's first byte (for error messages).
    var offset: Int
}

/// A cursor over one protobuf message inside a shared byte buffer.
///
/// Every read is bounds-checked against the end of the current message and throws instead of trapping.
/// Offsets are absolute indices of `bytes` (file offsets when `bytes` is a whole file).
/// Nested messages are read by `nestedReader(_:)`, which shares the buffer (no copy).
struct ProtoReader {
    /// The whole underlying buffer; only `position..<end` belongs to this message.
    let bytes: ArraySlice<UInt8>
    /// Next byte to read.
    private(set) var position: Int
    /// One past the last byte of this message.
    let end: Int

    /// A reader over all of `bytes`.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.end = bytes.endIndex
    }

    /// A reader over `range` of `bytes`; `range` must lie within `bytes`.
    private init(bytes: ArraySlice<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// True when the whole message has been consumed.
    var isAtEnd: Bool { position >= end }

    /// Bytes left in this message.
    var remaining: Int { end - position }

    // MARK: Primitive reads

    /// Reads a base-128 varint of at most 10 bytes whose value fits in 64 bits.
    mutating func readVarint() throws(GraphDefError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else {
                throw GraphDefError(.truncated, "truncated varint", offset: start)
            }
            let byte = bytes[position]
            position += 1
            let payload = UInt64(byte & 0x7F)
            if shift == 63 {
                // Tenth byte: only the lowest bit still fits, and no continuation may follow.
                guard byte & 0x80 == 0 else {
                    throw GraphDefError(.malformedVarint, "varint longer than 10 bytes", offset: start)
                }
                guard payload <= 1 else {
                    throw GraphDefError(.malformedVarint, "varint value exceeds 64 bits", offset: start)
                }
            }
            result |= payload << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Reads a little-endian 32-bit value.
    mutating func readFixed32() throws(GraphDefError) -> UInt32 {
        guard remaining >= 4 else {
            throw GraphDefError(.truncated, "truncated fixed32: need 4 bytes, \(remaining) remain", offset: position)
        }
        var value: UInt32 = 0
        for index in 0..<4 {
            value |= UInt32(bytes[position + index]) << (8 * UInt32(index))
        }
        position += 4
        return value
    }

    /// Reads a little-endian 64-bit value.
    mutating func readFixed64() throws(GraphDefError) -> UInt64 {
        guard remaining >= 8 else {
            throw GraphDefError(.truncated, "truncated fixed64: need 8 bytes, \(remaining) remain", offset: position)
        }
        var value: UInt64 = 0
        for index in 0..<8 {
            value |= UInt64(bytes[position + index]) << (8 * UInt64(index))
        }
        position += 8
        return value
    }

    /// Reads a varint length and returns the range of that many following bytes, which the reader skips.
    mutating func readLengthDelimitedRange() throws(GraphDefError) -> Range<Int> {
        let lengthOffset = position
        let length = try readVarint()
        // Compare in UInt64 so that lengths such as 2^63 cannot overflow `Int`.
        guard length <= UInt64(remaining) else {
            throw GraphDefError(.lengthOutOfBounds,
                                "length \(length) exceeds the \(remaining) bytes left in the message",
                                offset: lengthOffset)
        }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// Reads a field tag. Rejects field number 0, field numbers above 2^29-1, groups and wire types 6/7.
    mutating func readTag() throws(GraphDefError) -> FieldTag {
        let start = position
        let raw = try readVarint()
        guard raw <= UInt64(UInt32.max) else {
            throw GraphDefError(.invalidWireType, "tag \(raw) has a field number above 2^29-1", offset: start)
        }
        let field = UInt32(raw >> 3)
        guard field != 0 else {
            throw GraphDefError(.invalidWireType, "tag with field number 0", offset: start)
        }
        guard let wireType = WireType(rawValue: UInt8(raw & 7)) else {
            throw GraphDefError(.invalidWireType, "field \(field) has invalid wire type \(raw & 7)", offset: start)
        }
        if wireType == .startGroup || wireType == .endGroup {
            throw GraphDefError(.groupsNotSupported,
                                "field \(field) uses group wire type \(wireType.rawValue), which is not supported",
                                offset: start)
        }
        return FieldTag(field: field, wireType: wireType, offset: start)
    }

    /// Skips the value of a field that this decoder does not use.
    mutating func skipField(_ tag: FieldTag) throws(GraphDefError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimitedRange()
        case .startGroup, .endGroup:
            throw GraphDefError(.groupsNotSupported, "field \(tag.field) uses a group wire type", offset: tag.offset)
        }
    }

    // MARK: Typed field reads

    /// Throws unless `tag` has the wire type `expected`.
    func expect(_ tag: FieldTag, _ expected: WireType, _ name: String) throws(GraphDefError) {
        guard tag.wireType == expected else {
            throw GraphDefError(.invalidWireType,
                                "field \(tag.field) '\(name)' has wire type \(tag.wireType.rawValue), expected \(expected.rawValue)",
                                offset: tag.offset)
        }
    }

    /// Reads a singular varint field.
    mutating func readVarintField(_ tag: FieldTag, _ name: String) throws(GraphDefError) -> UInt64 {
        try expect(tag, .varint, name)
        return try readVarint()
    }

    /// Reads a singular fixed32 field as a Float.
    mutating func readFloatField(_ tag: FieldTag, _ name: String) throws(GraphDefError) -> Float {
        try expect(tag, .fixed32, name)
        return Float(bitPattern: try readFixed32())
    }

    /// Reads a length-delimited field and returns its payload as a slice of the shared buffer (no copy).
    mutating func readBytesField(_ tag: FieldTag, _ name: String) throws(GraphDefError) -> ArraySlice<UInt8> {
        try expect(tag, .lengthDelimited, name)
        return bytes[try readLengthDelimitedRange()]
    }

    /// Reads a length-delimited field holding UTF-8 text.
    mutating func readStringField(_ tag: FieldTag, _ name: String) throws(GraphDefError) -> String {
        let payload = try readBytesField(tag, name)
        guard let text = String(validating: payload, as: UTF8.self) else {
            throw GraphDefError(.invalidUTF8, "field \(tag.field) '\(name)' is not valid UTF-8",
                                offset: payload.startIndex)
        }
        return text
    }

    /// Reads a nested message field and returns a reader over just its bytes.
    mutating func readMessageField(_ tag: FieldTag, _ name: String) throws(GraphDefError) -> ProtoReader {
        try expect(tag, .lengthDelimited, name)
        return ProtoReader(bytes: bytes, range: try readLengthDelimitedRange())
    }

    // MARK: Repeated scalar fields (packed or unpacked)

    /// Appends one unpacked varint, or every varint of a packed run, to `values`.
    mutating func appendVarints<T>(_ tag: FieldTag, _ name: String, to values: inout [T],
                                   maxCount: Int, _ convert: (UInt64) -> T) throws(GraphDefError) {
        switch tag.wireType {
        case .varint:
            try checkCount(values.count + 1, maxCount, tag, name)
            values.append(convert(try readVarint()))
        case .lengthDelimited:
            let range = try readLengthDelimitedRange()
            // Each varint ends with exactly one byte whose high bit is clear: count them to reserve exactly.
            let count = bytes[range].withUnsafeBufferPointer { buffer in
                buffer.reduce(0) { $0 + ($1 & 0x80 == 0 ? 1 : 0) }
            }
            try checkCount(values.count + count, maxCount, tag, name)
            values.reserveCapacity(values.count + count)
            var packed = ProtoReader(bytes: bytes, range: range)
            while !packed.isAtEnd {
                values.append(convert(try packed.readVarint()))
            }
        default:
            try expect(tag, .varint, name)
        }
    }

    /// Appends one unpacked fixed-width value, or every value of a packed run, to `values`.
    /// `width` is 4 (fixed32) or 8 (fixed64); `convert` receives the little-endian bit pattern.
    mutating func appendFixed<T>(_ tag: FieldTag, _ name: String, width: Int, to values: inout [T],
                                 maxCount: Int, _ convert: (UInt64) -> T) throws(GraphDefError) {
        let single: WireType = width == 4 ? .fixed32 : .fixed64
        switch tag.wireType {
        case single:
            try checkCount(values.count + 1, maxCount, tag, name)
            values.append(convert(width == 4 ? UInt64(try readFixed32()) : try readFixed64()))
        case .lengthDelimited:
            let range = try readLengthDelimitedRange()
            guard range.count % width == 0 else {
                throw GraphDefError(.truncated,
                                    "packed field \(tag.field) '\(name)' has \(range.count) bytes, not a multiple of \(width)",
                                    offset: range.lowerBound)
            }
            let count = range.count / width
            try checkCount(values.count + count, maxCount, tag, name)
            values.reserveCapacity(values.count + count)
            bytes[range].withUnsafeBytes { raw in
                if width == 4 {
                    for index in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                        values.append(convert(UInt64(UInt32(littleEndian: bits))))
                    }
                } else {
                    for index in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                        values.append(convert(UInt64(littleEndian: bits)))
                    }
                }
            }
        default:
            try expect(tag, single, name)
        }
    }

    private func checkCount(_ count: Int, _ maxCount: Int, _ tag: FieldTag, _ name: String) throws(GraphDefError) {
        guard count <= maxCount else {
            throw GraphDefError(.limitExceeded,
                                "repeated field \(tag.field) '\(name)' has more than \(maxCount) values",
                                offset: tag.offset)
        }
    }
}
