import ArgumentParser
import Foundation
import LandmarkNet

/// How the engine runs a model (`--threads`, `--no-winograd`), shared by `detect`, `mesh`, `video`, `run` and
/// `bench`, validated here once. Commands that load a user's graph add ``LimitOptions`` beside it.
struct EngineOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Worker threads for the model's kernels (default: the active cores; more than the cores warns).",
        valueName: "n"))
    var threads: Int?

    @Flag(name: .customLong("no-winograd"), help: "Run every convolution as im2col + GEMM (no Winograd).")
    var noWinograd = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The active cores: the default thread count.
    static var activeCores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The thread count asked for, or the active cores; warns on stderr (once) when more than the cores.
    var threadCount: Int {
        let count = threads ?? Self.activeCores
        warnAboutThreads()
        return count
    }

    private func warnAboutThreads() {
        guard let threads, threads > Self.activeCores, !EngineOptions.warned else { return }
        EngineOptions.warned = true
        FileHandle.standardError.write(Data(
            "warning: --threads \(threads) is more than the \(Self.activeCores) active cores; threads will wait for each other\n".utf8))
    }

    nonisolated(unsafe) private static var warned = false

    /// The engine options for a model: these threads (nil: the engine's default, the active cores) and
    /// convolution choice, with `limits` (the defaults when nil, e.g. for the bundled networks).
    func modelOptions(limits: LimitOptions? = nil) -> Model.Options {
        warnAboutThreads()
        return Model.Options(limits: limits?.limits ?? ModelLimits(), threads: threads, winograd: !noWinograd)
    }
}

/// The resource limits for untrusted models (`--max-nodes`, `--max-tensor-mb`, `--max-weights-mb`,
/// `--max-arena-mb`), shared by `run`, `inspect`, `bench`, `detect` and `video`. Unset options keep ``ModelLimits``' defaults.
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
