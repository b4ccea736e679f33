import GraphDefReader
import Tensor

/// An error from loading, planning or running a model. Its description is one line that names the file,
/// node, op or input concerned.
public struct LandmarkError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Sendable, Equatable {
        /// The model file could not be read or decoded.
        case invalidModel
        /// The graph uses ops this engine does not implement (all of them are listed).
        case unsupportedOps
        /// A node is malformed: bad attribute, bad input reference, shapes or dtypes that do not fit.
        case invalidNode
        /// A fed tensor does not match its placeholder, or a required input was not fed.
        case invalidFeed
        /// A requested output or fed name does not exist in the graph.
        case unknownTensor
        /// The graph has a cycle.
        case cycle
        /// A resource limit was exceeded.
        case limitExceeded
    }

    /// The kind of failure.
    public var kind: Kind
    /// The one-line message.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// An error about one node: `node 'conv1/Conv2D' (Conv2D): message`.
    static func node(_ name: String, _ op: String, _ message: String) -> LandmarkError {
        LandmarkError(.invalidNode, "node '\(name)' (\(op)): \(message)")
    }

    /// The one-line message.
    public var description: String { message }

    /// An `.invalidModel` error for a GraphDef that could not be read: the reader's one line, which names the
    /// file it read, else prefixed with `source` when there is one.
    init(reading error: GraphDefError, source: String?) {
        if error.file == nil, let source {
            self.init(.invalidModel, "\(source): \(error)")
        } else {
            self.init(.invalidModel, "\(error)")
        }
    }
}

/// An error raised by an op while checking its attributes, inputs or shapes; the planner adds the node's name.
struct OpError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
