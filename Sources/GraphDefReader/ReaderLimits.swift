/// Upper bounds applied while decoding untrusted GraphDef bytes.
public struct ReaderLimits: Sendable {
    /// Maximum number of nodes in the graph.
    public var maxNodes: Int
    /// Maximum bytes of one tensor's payload (tensor_content, or the decoded typed values).
    public var maxTensorBytes: Int
    /// Maximum depth of nested messages below the GraphDef (node = 1, attr value = 2, attr list = 3,
    /// tensor = 3 or 4, tensor shape = 4 or 5). The decoder itself never recurses deeper than that.
    public var maxAttrNesting: Int

    /// Creates limits; the defaults accept any realistic frozen model.
    public init(maxNodes: Int = 1_000_000, maxTensorBytes: Int = 4 << 30, maxAttrNesting: Int = 64) {
        self.maxNodes = maxNodes
        self.maxTensorBytes = maxTensorBytes
        self.maxAttrNesting = maxAttrNesting
    }
}
