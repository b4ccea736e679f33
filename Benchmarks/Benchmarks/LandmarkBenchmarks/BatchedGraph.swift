/// Wire-level rewrite of a frozen GraphDef that gives a rank-3 image placeholder a batch dimension: the
/// `ExpandDims(placeholder, 0)` node is removed, whatever read it reads the placeholder instead, and the
/// placeholder's `shape` attribute is dropped (shape unknown), so `[N, H, W, C]` batches can be fed. The seed
/// graph reads its batch size from `Shape` in the flatten chain, so the rest of it follows unchanged.
///
/// This package cannot import GraphDefReader (not a product of the landmark package), hence the few lines of
/// protobuf here. Only the fields involved are decoded: GraphDef.node (1); NodeDef.name (1), op (2), input (3),
/// attr (5) with its map-entry key (1). Everything else is copied byte for byte.
enum BatchedGraph {
    /// Why the rewrite failed.
    struct RewriteError: Error, CustomStringConvertible {
        /// What was wrong, with the byte offset or node name concerned.
        let description: String
    }

    /// One decoded field: its number, wire type, and where its bytes lie.
    private struct Field {
        let number: Int
        let wireType: Int
        /// Bytes of the whole field, tag included.
        let whole: Range<Int>
        /// Bytes of a length-delimited payload (empty for other wire types).
        let payload: Range<Int>
    }

    /// Returns the rewritten GraphDef bytes.
    static func rewrite(_ bytes: [UInt8], placeholder: String) throws(RewriteError) -> [UInt8] {
        let nodes = try fields(bytes, in: 0..<bytes.count)
        var expandName: String?
        for field in nodes where field.number == 1 && field.wireType == 2 {
            let node = try fields(bytes, in: field.payload)
            if string(bytes, node, 2) == "ExpandDims", strings(bytes, node, 3).first == placeholder {
                guard expandName == nil else { throw RewriteError(description: "more than one ExpandDims reads '\(placeholder)'") }
                expandName = string(bytes, node, 1)
            }
        }
        guard let expandName else { throw RewriteError(description: "no ExpandDims reads '\(placeholder)'") }
        var foundPlaceholder = false
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for field in nodes {
            guard field.number == 1, field.wireType == 2 else {
                output += bytes[field.whole]
                continue
            }
            let node = try fields(bytes, in: field.payload)
            let name = string(bytes, node, 1)
            if name == expandName { continue }
            let isPlaceholder = name == placeholder && string(bytes, node, 2) == "Placeholder"
            foundPlaceholder = foundPlaceholder || isPlaceholder
            let readsExpand = strings(bytes, node, 3).contains { $0 == expandName || $0 == expandName + ":0" }
            guard isPlaceholder || readsExpand else {
                output += bytes[field.whole]
                continue
            }
            var rewritten: [UInt8] = []
            for part in node {
                if part.number == 3, part.wireType == 2, let input = text(bytes, part.payload),
                   input == expandName || input == expandName + ":0" {
                    appendLengthDelimited(3, Array(placeholder.utf8), to: &rewritten)
                } else if isPlaceholder, part.number == 5, part.wireType == 2,
                          string(bytes, try fields(bytes, in: part.payload), 1) == "shape" {
                    continue  // drop the fixed shape
                } else {
                    rewritten += bytes[part.whole]
                }
            }
            appendLengthDelimited(1, rewritten, to: &output)
        }
        guard foundPlaceholder else { throw RewriteError(description: "no Placeholder named '\(placeholder)'") }
        return output
    }

    private static func varint(_ bytes: [UInt8], _ offset: inout Int, end: Int) throws(RewriteError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw RewriteError(description: "truncated or overlong varint before byte \(offset)")
    }

    private static func fields(_ bytes: [UInt8], in range: Range<Int>) throws(RewriteError) -> [Field] {
        var result: [Field] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            let start = offset
            let tag = try varint(bytes, &offset, end: range.upperBound)
            let wireType = Int(tag & 7)
            guard tag >> 3 <= UInt64(Int32.max) else { throw RewriteError(description: "field number too large at byte \(start)") }
            var payload = offset..<offset
            switch wireType {
            case 0: _ = try varint(bytes, &offset, end: range.upperBound)
            case 1: offset += 8
            case 5: offset += 4
            case 2:
                let length = try varint(bytes, &offset, end: range.upperBound)
                guard length <= UInt64(range.upperBound - offset) else {
                    throw RewriteError(description: "length \(length) at byte \(start) runs past its message")
                }
                payload = offset..<(offset + Int(length))
                offset = payload.upperBound
            default: throw RewriteError(description: "unsupported wire type \(wireType) at byte \(start)")
            }
            guard offset <= range.upperBound else { throw RewriteError(description: "field at byte \(start) runs past its message") }
            result.append(Field(number: Int(tag >> 3), wireType: wireType, whole: start..<offset, payload: payload))
        }
        return result
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
        String(validating: bytes[range], as: UTF8.self)
    }

    private static func string(_ bytes: [UInt8], _ fields: [Field], _ number: Int) -> String? {
        fields.first { $0.number == number && $0.wireType == 2 }.flatMap { text(bytes, $0.payload) }
    }

    private static func strings(_ bytes: [UInt8], _ fields: [Field], _ number: Int) -> [String] {
        fields.filter { $0.number == number && $0.wireType == 2 }.compactMap { text(bytes, $0.payload) }
    }

    private static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    private static func appendLengthDelimited(_ number: Int, _ payload: [UInt8], to output: inout [UInt8]) {
        appendVarint(UInt64(number) << 3 | 2, to: &output)
        appendVarint(UInt64(payload.count), to: &output)
        output += payload
    }
}
