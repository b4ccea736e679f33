import Foundation
import GraphDefReader
import Kernels
import Tensor

/// A frozen TensorFlow GraphDef loaded for inference.
///
/// ```swift
/// let model = try Model(contentsOf: URL(fileURLWithPath: "landmarks.pb"))
/// let image = try Tensor(shape: [128, 128, 3], scalars: pixels)        // [UInt8]
/// let outputs = try model.run(["input_image_tensor": image], outputs: ["logits/BiasAdd"])
/// let points = try outputs["logits/BiasAdd"]!.scalars(as: Float.self)   // 136 values
/// ```
///
/// Loading decodes the graph, checks every node and plans it for the declared input shapes, so a broken or
/// unsupported model fails here rather than on the first run. A plan is made once per distinct set of input
/// shapes and requested outputs and cached. `run` may be called from several threads at once.
public final class Model: @unchecked Sendable {
    /// A graph input or output: its name, dtype and shape (-1 for a dimension unknown until the input is fed).
    public struct TensorInfo: Sendable, Hashable, CustomStringConvertible {
        /// The tensor name (`node` or `node:k`).
        public var name: String
        /// The element type, when known.
        public var dtype: DType?
        /// The dimensions (-1: unknown), or nil when even the rank is unknown.
        public var shape: [Int]?

        /// `input_image_tensor: uint8[128,128,3]`.
        public var description: String {
            "\(name): \(dtype.map { "\($0)" } ?? "?")\(shape.map(ShapeMath.describe) ?? "[<unknown rank>]")"
        }
    }

    /// Options for loading and running a model.
    public struct Options: Sendable {
        /// Resource limits for untrusted models.
        public var limits: ModelLimits
        /// Threads each run's parallel kernels (convolutions, matrix products, large pools) use, the calling thread
        /// included; nil: the number of active processors. The model's own setting, whatever other models use.
        /// Clamped to `1 ... ComputeContext.maximumWorkerCount`. More threads than cores are allowed but share the
        /// cores, which makes runs slower. Results are the same bits at any thread count.
        public var threads: Int?
        /// Whether 3x3 stride-1 convolutions with at least 32 input and output channels may use Winograd:
        /// F(4x4, 3x3) on large outputs (4x fewer multiplications), F(3x3, 3x3) on medium ones (3.24x), else
        /// F(2x2, 3x3) (2.25x). F(2x2)'s results are as close to exact arithmetic as im2col + GEMM's, F(3x3)'s and
        /// F(4x4)'s a little further (about 1e-6 of a layer's largest output); all round differently from
        /// TensorFlow's own float32 convolution. Off: every convolution is im2col + GEMM.
        public var winograd: Bool
        /// Whether kernels may use their AVX2 code on CPUs that have it. Off: the portable code only, which gives
        /// the same bits except in the batch dense kernel, whose AVX2 code uses fused multiply-adds.
        public var avx2: Bool

        /// Creates options.
        public init(limits: ModelLimits = ModelLimits(), threads: Int? = nil, winograd: Bool = true, avx2: Bool = true) {
            self.limits = limits
            self.threads = threads
            self.winograd = winograd
            self.avx2 = avx2
        }
    }

    /// The graph's placeholders.
    public let inputs: [TensorInfo]
    /// The graph's sinks: the values run when no output is named.
    public private(set) var outputs: [TensorInfo] = []
    /// Number of nodes in the GraphDef.
    public var nodeCount: Int { graph.nodes.count }
    /// Where the model was loaded from, for messages.
    public let source: String

    let graph: ImportedGraph
    /// The options the model was loaded with.
    public let options: Options
    /// The threads and code paths every plan of this model runs its kernels on (from ``options``).
    let context: ComputeContext
    /// The number of threads the model's runs use (``Options/threads`` clamped, or the active processor count).
    public var threadCount: Int { context.workerCount }
    /// The plans made so far, per fed names and types and requested outputs.
    private let plans = PlanCache(capacity: Model.maxCachedPlans)
    /// The arenas of this model's runs, shared by all its plans.
    private let arenas = ArenaPool()
    /// How many plans (one per distinct input shapes and outputs) a model keeps.
    static let maxCachedPlans = 32

    /// Loads a frozen GraphDef file.
    public convenience init(contentsOf url: URL, options: Options = Options()) throws(LandmarkError) {
        let graphDef = try GraphDef.load(contentsOf: url, limits: options.limits)
        // The file's bytes are private to this call: import may release each constant's pages once copied.
        try self.init(graphDef: graphDef, source: url.path, options: options, validate: true, releasingConstantBytes: true)
    }

    /// Loads a frozen GraphDef from its serialized bytes.
    public convenience init(data: Data, options: Options = Options()) throws(LandmarkError) {
        let graphDef = try GraphDef.load(serializedBytes: [UInt8](data), limits: options.limits)
        try self.init(graphDef: graphDef, source: "<data>", options: options, validate: true, releasingConstantBytes: true)
    }

    /// Loads a decoded GraphDef.
    public convenience init(graphDef: GraphDef, source: String = "<graph>", options: Options = Options()) throws(LandmarkError) {
        try self.init(graphDef: graphDef, source: source, options: options, validate: true)
    }

    /// Loads a decoded GraphDef; with `validate` false, unsupported ops and planning errors are left for
    /// ``ModelInspection`` to report. `releasingConstantBytes` is only for a `graphDef` whose byte buffer
    /// nothing else holds: see ``ImportedGraph/init(_:limits:releasingConstantBytes:)``.
    init(graphDef: GraphDef, source: String, options: Options, validate: Bool,
         releasingConstantBytes: Bool = false) throws(LandmarkError) {
        self.source = source
        self.options = options
        context = ComputeContext(workerCount: options.threads ?? ComputeContext.activeProcessorCount,
                                 allowsAVX2: options.avx2)
        do {
            graph = try ImportedGraph(graphDef, limits: options.limits, releasingConstantBytes: releasingConstantBytes)
        } catch {
            throw LandmarkError(error.kind, "\(source): \(error.message)")
        }
        let graph = graph
        inputs = graph.placeholders.map { node in
            let declared = graph.declaredType(ofPlaceholder: node)
            return TensorInfo(name: graph.nodes[node].name, dtype: declared.dtype, shape: declared.shape)
        }
        var outputs = graph.sinks.map { TensorInfo(name: graph.nodes[$0].name, dtype: nil, shape: nil) }
        // Plan the sinks once for the declared shapes (unknown dimensions taken as 1) to find errors now.
        let probe = inputs.map { TensorType($0.dtype ?? .float32, ($0.shape ?? []).map { $0 < 0 ? 1 : $0 }) }
        let knownRank = inputs.allSatisfy { $0.shape != nil && $0.dtype != nil }
        if !validate {
            self.outputs = outputs
            return
        }
        if !outputs.isEmpty && knownRank {
            do {
                let plan = try self.plan(feedNames: inputs.map(\.name), types: probe, outputs: outputs.map(\.name))
                for i in outputs.indices {
                    outputs[i].dtype = plan.outputTypes[i].dtype
                    let fullyKnown = inputs.allSatisfy { $0.shape!.allSatisfy { $0 >= 0 } }
                    outputs[i].shape = fullyKnown ? plan.outputTypes[i].shape : nil
                }
            } catch {
                // With unknown dimensions taken as 1, a shape error may only mean that 1 is too small (a 3x3
                // VALID conv on an input of unknown height and width): such errors wait for the real shapes at run time.
                let fullyKnown = inputs.allSatisfy { $0.shape!.allSatisfy { $0 >= 0 } }
                if fullyKnown || ![.invalidNode, .invalidFeed, .limitExceeded].contains(error.kind) {
                    throw LandmarkError(error.kind, "\(source): \(error.message)")
                }
            }
        } else if !graph.unsupported.isEmpty {
            let error = graph.unsupported.error
            throw LandmarkError(error.kind, "\(source): \(error.message)")
        }
        self.outputs = outputs
    }

    /// Runs the graph. The same feeds give the same bits on every run, whatever ran before.
    ///
    /// - Parameters:
    ///   - feeds: a tensor for every placeholder the outputs need, by placeholder name.
    ///   - outputs: the tensors to compute, in TensorFlow syntax (`node` or `node:k`); nil runs ``outputs``.
    /// - Returns: the computed tensors by requested name.
    public func run(_ feeds: [String: Tensor], outputs requested: [String]? = nil) throws(LandmarkError) -> [String: Tensor] {
        let names = requested ?? outputs.map(\.name)
        let (executor, ordered) = try prepare(feeds, outputs: names)
        let results = try executor.run(ordered)
        var byName: [String: Tensor] = [:]
        for (name, tensor) in zip(names, results) { byName[name] = tensor }
        return byName
    }

    /// Makes the plan for `feeds`' shapes and `outputs` (as ``run(_:outputs:)`` does on first use) and runs it once,
    /// discarding the results, so that the memory and threads later runs use are ready: call it before timing
    /// steady-state runs. Later runs give the same results as without it.
    public func warmUp(_ feeds: [String: Tensor], outputs requested: [String]? = nil) throws(LandmarkError) {
        _ = try run(feeds, outputs: requested)
    }

    /// Checks the feeds and returns the executor of the plan for them, with the feeds in the plan's order.
    func prepare(_ feeds: [String: Tensor], outputs names: [String]) throws(LandmarkError) -> (PlanExecutor, [Tensor]) {
        guard !names.isEmpty else { throw LandmarkError(.unknownTensor, "no outputs requested and the graph has no sinks") }
        let feedNames = feeds.keys.sorted()
        var types: [TensorType] = []
        for name in feedNames {
            let tensor = feeds[name]!
            guard let node = graph.index[name], graph.placeholders.contains(node) else {
                throw LandmarkError(.unknownTensor, "fed tensor '\(name)' is not a placeholder of the graph")
            }
            let declared = graph.declaredType(ofPlaceholder: node)
            if let dtype = declared.dtype, dtype != tensor.dtype {
                throw LandmarkError(.invalidFeed, "input '\(name)' expects \(dtype), got \(tensor.dtype)")
            }
            if let shape = declared.shape {
                let matches = shape.count == tensor.shape.count && zip(shape, tensor.shape).allSatisfy { $0 < 0 || $0 == $1 }
                guard matches else {
                    throw LandmarkError(.invalidFeed,
                        "input '\(name)' expects shape \(ShapeMath.describe(shape)), got \(ShapeMath.describe(tensor.shape))")
                }
            }
            types.append(TensorType(tensor.dtype, tensor.shape))
        }
        let executor = try self.executor(feedNames: feedNames, types: types, outputs: names)
        return (executor, feedNames.map { feeds[$0]! })
    }

    /// The plan for these feeds and outputs (see ``executor(feedNames:types:outputs:)``).
    func plan(feedNames: [String], types: [TensorType], outputs names: [String]) throws(LandmarkError) -> ExecutionPlan {
        try executor(feedNames: feedNames, types: types, outputs: names).plan
    }

    /// The executor of the cached plan for these feeds and outputs, made on first use.
    func executor(feedNames: [String], types: [TensorType], outputs names: [String]) throws(LandmarkError) -> PlanExecutor {
        try plans.executor(for: PlanCache.Key(feeds: feedNames, types: types, outputs: names)) { () throws(LandmarkError) in
            var outputRefs: [ValueRef] = []
            for name in names { outputRefs.append(try graph.value(named: name)) }
            let feeds = zip(feedNames, types).map { Planner.Feed(node: graph.index[$0.0]!, type: $0.1) }
            let plan = try Planner(graph: graph, limits: options.limits, winograd: options.winograd, context: context)
                .plan(feeds: feeds, outputs: outputRefs, outputNames: names, feedNames: feedNames)
            return PlanExecutor(plan, arenas: arenas)
        }
    }
}
