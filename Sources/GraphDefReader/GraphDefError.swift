/// An error raised while reading a GraphDef: what went wrong, and where (file, byte offset, path of nested
/// messages such as `node[12] 'conv1/Conv2D' attr 'value' tensor`).
public struct GraphDefError: Error, Sendable, CustomStringConvertible {
    /// The category of a reading error.
    public enum Kind: Sendable, Equatable {
        /// The bytes end in the middle of a tag, varint, fixed-width value or declared length.
        case truncated
        /// A varint is longer than 10 bytes or its value does not fit in 64 bits.
        case malformedVarint
        /// A tag carries wire type 6 or 7, field number 0, or a wire type the field does not allow.
        case invalidWireType
        /// A tag uses the deprecated group wire types (3 or 4), which TensorFlow protos never contain.
        case groupsNotSupported
        /// A length-delimited field declares more bytes than its enclosing message holds.
        case lengthOutOfBounds
        /// A string field (name, op, input, device, attr key, function name) is not valid UTF-8.
        case invalidUTF8
        /// The file is a model in another format, which must be converted to a frozen GraphDef first.
        case notAGraphDef(ModelFormat)
        /// Sizes disagree: tensor_content versus shape, more typed values than elements, unknown dimensions.
        case sizeMismatch
        /// A configured limit (`ReaderLimits`, `maxBytes`, element count) or 64-bit arithmetic was exceeded.
        case limitExceeded
        /// A node input is not of the form `node`, `node:N` or `^node`.
        case invalidTensorReference
        /// The tensor's data type has no fixed-width element layout (string, resource, variant, unknown).
        case unsupportedDataType
        /// The file could not be opened or read.
        case io
    }

    /// The category of the error.
    public var kind: Kind
    /// What went wrong, in words (names the protobuf field where known).
    public var message: String
    /// The absolute byte offset in the serialized GraphDef where the problem was found, if known.
    public var offset: Int?
    /// The chain of enclosing messages, e.g. `node[12] 'conv1/Conv2D' attr 'value' tensor`.
    public var path: String?
    /// The file being read, when reading from a file.
    public var file: String?

    /// Creates an error of `kind` with a message and optional location.
    public init(_ kind: Kind, _ message: String, offset: Int? = nil, path: String? = nil, file: String? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.path = path
        self.file = file
    }

    /// One line: `file: path: message (at byte N)`.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let path, !path.isEmpty { parts.append(path) }
        parts.append(message)
        var line = parts.joined(separator: ": ")
        if let offset { line += " (at byte \(offset))" }
        return line
    }

    /// The same error with `context` prepended to its path of enclosing messages.
    func within(_ context: String) -> GraphDefError {
        var copy = self
        if let path, !path.isEmpty {
            copy.path = context + " " + path
        } else {
            copy.path = context
        }
        return copy
    }
}
