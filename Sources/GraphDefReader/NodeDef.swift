/// One operation of a graph (tensorflow/core/framework/node_def.proto).
public struct NodeDef: Sendable {
    /// The node's unique name, e.g. `conv1/Conv2D`.
    public var name: String
    /// The operation type, e.g. `Conv2D`, `Const`, `Placeholder`.
    public var op: String
    /// Inputs as written in the proto: `node`, `node:N` or `^node` (see `TensorReference`).
    public var inputs: [String]
    /// The requested device, usually empty in frozen graphs.
    public var device: String
    /// Attributes by name, e.g. `strides`, `padding`, `value`, `dtype`.
    public var attributes: [String: AttrValue]

    /// Creates a node.
    public init(name: String = "", op: String = "", inputs: [String] = [], device: String = "",
                attributes: [String: AttrValue] = [:]) {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.device = device
        self.attributes = attributes
    }
}

extension NodeDef {
    /// Decodes a `NodeDef`: name 1, op 2, input 3, device 4, attr 5 (map entries: key 1, value 2);
    /// experimental_debug_info (6), experimental_type (7) and unknown fields are skipped.
    /// Errors are annotated with `node[index] 'name'`. `depth` is the node's message depth below the GraphDef
    /// (1 for a graph node, 3 for a function body node).
    init(from reader: inout ProtoReader, index: Int, limits: ReaderLimits, depth: Int = 1) throws(GraphDefError) {
        self.init()
        do throws(GraphDefError) {
            try checkNesting(depth, limits, "node", offset: reader.position)
            while !reader.isAtEnd {
                let tag = try reader.readTag()
                switch tag.field {
                case 1: name = try reader.readStringField(tag, "name")
                case 2: op = try reader.readStringField(tag, "op")
                case 3: inputs.append(try reader.readStringField(tag, "input"))
                case 4: device = try reader.readStringField(tag, "device")
                case 5:
                    var entryReader = try reader.readMessageField(tag, "attr")
                    let (key, value) = try Self.decodeAttributeEntry(from: &entryReader, limits: limits, depth: depth + 1)
                    attributes[key] = value
                default: try reader.skipField(tag)
                }
            }
        } catch {
            throw error.within(name.isEmpty ? "node[\(index)]" : "node[\(index)] '\(name)'")
        }
    }

    /// Decodes one `map<string, AttrValue>` entry whose value sits `depth` messages deep; a missing value decodes
    /// as `.empty`.
    static func decodeAttributeEntry(from reader: inout ProtoReader, limits: ReaderLimits,
                                     depth: Int) throws(GraphDefError) -> (String, AttrValue) {
        var key = ""
        var value = AttrValue.empty
        do throws(GraphDefError) {
            while !reader.isAtEnd {
                let tag = try reader.readTag()
                switch tag.field {
                case 1: key = try reader.readStringField(tag, "key")
                case 2:
                    var valueReader = try reader.readMessageField(tag, "value")
                    value = try AttrValue(from: &valueReader, depth: depth, limits: limits)
                default: try reader.skipField(tag)
                }
            }
        } catch {
            throw error.within("attr '\(key)'")
        }
        return (key, value)
    }
}
