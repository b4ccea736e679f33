import Foundation

/// A TensorFlow graph (tensorflow/core/framework/graph.proto), typically a frozen inference graph whose
/// weights are `Const` nodes.
public struct GraphDef: Sendable {
    /// The graph's nodes, in file order.
    public var nodes: [NodeDef]
    /// `versions.producer`: the GraphDef version of the TensorFlow that wrote the graph.
    public var producer: Int32?
    /// `versions.min_consumer`: the oldest GraphDef version able to read the graph.
    public var minConsumer: Int32?
    /// The function library (`library.function`): the functions that call nodes and function-named ops run.
    public var functions: [FunctionDef]

    /// Creates a graph from nodes and functions.
    public init(nodes: [NodeDef] = [], producer: Int32? = nil, minConsumer: Int32? = nil, functions: [FunctionDef] = []) {
        self.nodes = nodes
        self.producer = producer
        self.minConsumer = minConsumer
        self.functions = functions
    }

    /// Decodes a binary GraphDef. Tensor payloads (`tensorContent`, `stringVal`) are slices sharing the
    /// storage of `serializedBytes`: no copy. Error offsets are indices into `serializedBytes`.
    public init(serializedBytes: [UInt8], limits: ReaderLimits = .init()) throws(GraphDefError) {
        try self.init(serializedBytes: serializedBytes[...], limits: limits)
    }

    /// Decodes a binary GraphDef from a slice (offsets are indices of the slice's base array).
    public init(serializedBytes: ArraySlice<UInt8>, limits: ReaderLimits = .init()) throws(GraphDefError) {
        self.init()
        var reader = ProtoReader(serializedBytes)
        // Graph nodes and function body nodes together stay within maxNodes.
        var nodeBudget = limits.maxNodes
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 1:
                guard nodeBudget > 0 else {
                    throw GraphDefError(.limitExceeded, "graph has more than maxNodes \(limits.maxNodes) nodes",
                                        offset: tag.offset)
                }
                nodeBudget -= 1
                var nodeReader = try reader.readMessageField(tag, "node")
                nodes.append(try NodeDef(from: &nodeReader, index: nodes.count, limits: limits))
            case 2:
                var libraryReader = try reader.readMessageField(tag, "library")
                do throws(GraphDefError) {
                    try decodeFunctionLibrary(from: &libraryReader, limits: limits, nodeBudget: &nodeBudget, into: &functions)
                } catch {
                    throw error.within("library")
                }
            case 4:
                var versionsReader = try reader.readMessageField(tag, "versions")
                do throws(GraphDefError) {
                    try decodeVersions(from: &versionsReader)
                } catch {
                    throw error.within("versions")
                }
            default:
                // 3 = deprecated version, 5 = debug_info, and unknown fields.
                try reader.skipField(tag)
            }
        }
    }

    /// Decodes a `VersionDef`: producer 1, min_consumer 2 (bad_consumers 3 is skipped).
    private mutating func decodeVersions(from reader: inout ProtoReader) throws(GraphDefError) {
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case 1: producer = Int32(truncatingIfNeeded: try reader.readVarintField(tag, "producer"))
            case 2: minConsumer = Int32(truncatingIfNeeded: try reader.readVarintField(tag, "min_consumer"))
            default: try reader.skipField(tag)
            }
        }
    }

    /// Reads a binary GraphDef file (read once into memory; tensor payloads are slices of that buffer).
    ///
    /// Directories and files in other formats (SavedModel, checkpoint, ONNX, TFLite, text proto) throw
    /// `notAGraphDef` with the detected `ModelFormat`, whose `freezeAdvice` explains the conversion.
    /// Every error carries the file path.
    public init(contentsOf url: URL, limits: ReaderLimits = .init()) throws(GraphDefError) {
        let path = url.path
        do throws(GraphDefError) {
            guard let bytes = try readWholeFile(atPath: path) else {
                let format = ModelFormat.detect(url: url, prefix: [])
                throw GraphDefError(.notAGraphDef(format), format.freezeAdvice)
            }
            let format = ModelFormat.detect(url: url, prefix: bytes.prefix(ModelFormat.sniffLength))
            guard format == .graphDef else {
                throw GraphDefError(.notAGraphDef(format), format.freezeAdvice)
            }
            try self.init(serializedBytes: bytes, limits: limits)
        } catch {
            var located = error
            located.file = path
            throw located
        }
    }
}
