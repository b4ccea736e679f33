/// A tensor shape as stored in a GraphDef (tensorflow/core/framework/tensor_shape.proto).
public struct TensorShapeProto: Sendable, Hashable {
    /// Dimension sizes, outermost first; -1 means the size is unknown. Empty for a scalar.
    public var dims: [Int64]
    /// True when even the number of dimensions is unknown (then `dims` is empty).
    public var unknownRank: Bool

    /// Creates a shape from dimension sizes.
    public init(dims: [Int64] = [], unknownRank: Bool = false) {
        self.dims = dims
        self.unknownRank = unknownRank
    }

    /// True when the rank and every dimension are known.
    public var isFullyDefined: Bool { !unknownRank && dims.allSatisfy { $0 >= 0 } }
}

extension TensorShapeProto {
    /// Decodes a `TensorShapeProto`: `dim` = 2 (`Dim`: size 1, name 2), `unknown_rank` = 3.
    init(from reader: inout ProtoReader, depth: Int, limits: ReaderLimits) throws(GraphDefError) {
        try checkNesting(depth, limits, "shape", offset: reader.position)
        self.init()
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 2:
                var dimReader = try reader.readMessageField(tag, "dim")
                var size: Int64 = 0
                while !dimReader.isAtEnd {
                    let dimTag = try dimReader.readTag()
                    if dimTag.field == 1 {
                        size = Int64(bitPattern: try dimReader.readVarintField(dimTag, "size"))
                    } else {
                        try dimReader.skipField(dimTag)  // 2 = name, unused
                    }
                }
                dims.append(size)
            case 3:
                unknownRank = try reader.readVarintField(tag, "unknown_rank") != 0
            default:
                try reader.skipField(tag)
            }
        }
    }
}

/// Throws `limitExceeded` when a message sits deeper than `limits.maxAttrNesting`.
func checkNesting(_ depth: Int, _ limits: ReaderLimits, _ what: String, offset: Int) throws(GraphDefError) {
    guard depth <= limits.maxAttrNesting else {
        throw GraphDefError(.limitExceeded,
                            "\(what) is nested \(depth) messages deep, above maxAttrNesting \(limits.maxAttrNesting)",
                            offset: offset)
    }
}
