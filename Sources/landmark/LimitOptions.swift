import ArgumentParser
import LandmarkNet

/// The resource limits for untrusted models (`--max-nodes`, `--max-tensor-mb`, `--max-weights-mb`,
/// `--max-arena-mb`), shared by `run`, `inspect`, `bench` and `detect`. Unset options keep ``ModelLimits``' defaults.
struct LimitOptions: ParsableArguments {
    private static let defaults = ModelLimits()

    @Option(name: .customLong("max-nodes"),
            help: "Refuse a graph with more nodes than this (default \(LimitOptions.defaults.maxNodes)).")
    var maxNodes: Int?

    @Option(name: .customLong("max-tensor-mb"),
            help: "Largest single tensor, constant or intermediate, in MiB (default \(LimitOptions.defaults.maxTensorBytes >> 20)).")
    var maxTensorMB: Int?

    @Option(name: .customLong("max-weights-mb"),
            help: "Most MiB all constants together may take (default \(LimitOptions.defaults.maxWeightBytes >> 20)).")
    var maxWeightsMB: Int?

    @Option(name: .customLong("max-arena-mb"),
            help: "Most MiB the intermediates of one run may take (default \(LimitOptions.defaults.maxArenaBytes >> 20)).")
    var maxArenaMB: Int?

    func validate() throws {
        if let maxNodes, maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
        for (name, value) in [("--max-tensor-mb", maxTensorMB), ("--max-weights-mb", maxWeightsMB), ("--max-arena-mb", maxArenaMB)] {
            guard let value else { continue }
            guard value >= 1 else { throw ValidationError("\(name) must be at least 1") }
            guard value <= Int.max >> 20 else { throw ValidationError("\(name) \(value) is too large") }
        }
    }

    /// The limits these options describe.
    var limits: ModelLimits {
        var limits = ModelLimits()
        if let maxNodes { limits.maxNodes = maxNodes }
        if let maxTensorMB { limits.maxTensorBytes = maxTensorMB << 20 }
        if let maxWeightsMB { limits.maxWeightBytes = maxWeightsMB << 20 }
        if let maxArenaMB { limits.maxArenaBytes = maxArenaMB << 20 }
        return limits
    }
}
