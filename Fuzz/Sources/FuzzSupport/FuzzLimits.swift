import LandmarkNet

/// Limits the model targets load with: small enough that no accepted input can push a run past libFuzzer's
/// `-rss_limit_mb=512` (a few tensors of `maxTensorBytes` plus the arena), large enough for every seed fixture.
public enum FuzzLimits {
    /// The model limits for load and load + run.
    public static let model = ModelLimits(maxNodes: 4_096, maxTensorBytes: 16 << 20, maxWeightBytes: 48 << 20,
                                          maxArenaBytes: 64 << 20)
    /// The most elements all fed inputs of one run may have together.
    public static let maxFedElements = 1 << 18
}
