/// Resource limits applied while loading and planning a model, so that a small crafted file cannot make the
/// engine allocate without bound.
public struct ModelLimits: Sendable, Hashable {
    /// The most nodes a graph may have.
    public var maxNodes: Int
    /// The largest single tensor (constant or intermediate), in bytes.
    public var maxTensorBytes: Int
    /// The most bytes all constants together may take.
    public var maxWeightBytes: Int
    /// The most bytes the intermediate values of one run may take together.
    public var maxArenaBytes: Int
    /// How deep function calls may nest (a call inside a function called by a graph node is 2 deep).
    public var maxCallDepth: Int

    /// Creates limits; the defaults fit models of a few hundred MB.
    public init(maxNodes: Int = 100_000, maxTensorBytes: Int = 1 << 30, maxWeightBytes: Int = 2 << 30, maxArenaBytes: Int = 4 << 30,
                maxCallDepth: Int = 32) {
        self.maxNodes = maxNodes
        self.maxTensorBytes = maxTensorBytes
        self.maxWeightBytes = maxWeightBytes
        self.maxArenaBytes = maxArenaBytes
        self.maxCallDepth = maxCallDepth
    }
}
