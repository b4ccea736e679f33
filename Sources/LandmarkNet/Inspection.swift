import Foundation
import GraphDefReader
import Tensor

/// What `landmark inspect` shows of a model: its inputs and outputs, op counts, parameters, every
/// unsupported op, and the cost of each node of the planned (folded and fused) graph.
public struct ModelInspection: Sendable, Codable {
    /// A graph input or output as JSON shows it.
    public struct Value: Sendable, Codable {
        /// Tensor name.
        public var name: String
        /// dtype name, or nil when unknown.
        public var dtype: String?
        /// Dimensions, -1 where unknown; nil for unknown rank.
        public var shape: [Int]?
    }

    /// An op type the engine does not implement and the nodes that use it.
    public struct UnsupportedOp: Sendable, Codable {
        /// The TensorFlow op type.
        public var op: String
        /// Names of the nodes using it.
        public var nodes: [String]
    }

    /// One node of the planned graph.
    public struct NodeCost: Sendable, Codable {
        /// Node name.
        public var name: String
        /// Op type.
        public var op: String
        /// Ops fused into it.
        public var fused: [String]
        /// Output shape.
        public var shape: [Int]
        /// Floating-point operations.
        public var flops: Int
        /// Bytes of weights it reads.
        public var weightBytes: Int
    }

    /// The model's path.
    public var model: String
    /// Nodes in the GraphDef.
    public var nodeCount: Int
    /// Placeholders.
    public var inputs: [Value]
    /// Sinks.
    public var outputs: [Value]
    /// Node count by op type.
    public var opCounts: [String: Int]
    /// Elements of floating-point constants.
    public var parameterCount: Int
    /// Bytes of all constants.
    public var parameterBytes: Int
    /// Unsupported ops, all of them.
    public var unsupported: [UnsupportedOp]
    /// The input shapes the costs were computed for.
    public var plannedInputShapes: [String: [Int]]
    /// Nodes that run, in execution order, after folding and fusion.
    public var nodes: [NodeCost]
    /// Sum of `nodes` FLOPs.
    public var totalFlops: Int
    /// Why the graph could not be planned, when it could not.
    public var planError: String?

    /// Inspects a GraphDef file. `inputShapes` overrides declared input shapes; unknown dimensions are taken as 1.
    /// `winograd` is ``Model/Options/winograd``: it decides which convolutions run as GEMM and so which pools fuse.
    public init(contentsOf url: URL, inputShapes: [String: [Int]] = [:], limits: ModelLimits = ModelLimits(),
                winograd: Bool = true) throws(LandmarkError) {
        let graphDef = try GraphDef.load(contentsOf: url, limits: limits)
        let model = try Model(graphDef: graphDef, source: url.path, options: Model.Options(limits: limits, winograd: winograd),
                              validate: false)
        self.model = url.path
        nodeCount = graphDef.nodes.count
        var counts: [String: Int] = [:]
        for node in graphDef.nodes { counts[node.op, default: 0] += 1 }
        opCounts = counts
        parameterCount = model.graph.parameterCount
        parameterBytes = model.graph.constantBytes
        unsupported = model.graph.unsupported.ops.map { UnsupportedOp(op: $0.op, nodes: $0.nodes) }
        inputs = model.inputs.map { Value(name: $0.name, dtype: $0.dtype?.description, shape: $0.shape) }
        outputs = model.outputs.map { Value(name: $0.name, dtype: nil, shape: nil) }
        nodes = []
        totalFlops = 0
        planError = nil
        var shapes: [String: [Int]] = [:]
        for input in model.inputs {
            shapes[input.name] = inputShapes[input.name] ?? (input.shape ?? []).map { $0 < 0 ? 1 : $0 }
        }
        for name in inputShapes.keys where shapes[name] == nil || !model.inputs.contains(where: { $0.name == name }) {
            throw LandmarkError(.unknownTensor, "--shape names '\(name)', which is not an input of the graph")
        }
        plannedInputShapes = shapes
        guard unsupported.isEmpty else {
            planError = "the graph has unsupported ops"
            return
        }
        do {
            let names = model.inputs.map(\.name).sorted()
            let types = names.map { name in
                TensorType(model.inputs.first { $0.name == name }?.dtype ?? .float32, shapes[name] ?? [])
            }
            let plan = try model.plan(feedNames: names, types: types, outputs: model.outputs.map(\.name))
            for (i, type) in plan.outputTypes.enumerated() {
                outputs[i].dtype = type.dtype.description
                outputs[i].shape = type.shape
            }
            nodes = plan.steps.map {
                NodeCost(name: $0.name, op: $0.typeName, fused: $0.fused, shape: $0.outputTypes.first?.shape ?? [],
                         flops: $0.flops, weightBytes: $0.weightBytes)
            }
            totalFlops = nodes.reduce(0) { $0 + $1.flops }
        } catch {
            planError = error.message
        }
    }
}
