import Tensor

/// The graph while it is being planned for concrete input shapes: every node's output types are known and
/// the values that depend only on constants and shapes are computed. Passes rewrite it in place.
struct WorkGraph {
    /// One node under planning.
    struct Node {
        var name: String
        var op: any Operator
        var inputs: [ValueRef]
        /// Output types, once inferred.
        var outputTypes: [TensorType] = []
        /// Output values known at planning time (all present, or none).
        var constants: [Tensor]? = nil
        /// The feed index when this node is a fed input.
        var feed: Int? = nil
        /// The ops fused into this node, for reports.
        var fused: [String] = []

        var isConstant: Bool { constants != nil }
    }

    var nodes: [Node]
    /// The requested outputs.
    var outputs: [ValueRef]

    /// What the planner knows about a value.
    func value(_ ref: ValueRef) -> PlanValue {
        let node = nodes[ref.node]
        return PlanValue(node.outputTypes[ref.output], constant: node.constants?[ref.output])
    }

    /// The live node (not a constant or a feed) that computes `ref`, when `ref` is its first output and one node
    /// alone reads it (`reads`: how many nodes read each value); nil otherwise.
    func privateProducer(of ref: ValueRef, reads: [ValueRef: Int]) -> Node? {
        let node = nodes[ref.node]
        guard ref.output == 0, reads[ref] == 1, !node.isConstant, node.feed == nil else { return nil }
        return node
    }

    /// Whether `ref` is a float32 constant of one element within `relativeTolerance` of `value` (0: equal).
    func isScalar(_ ref: ValueRef, _ value: Float, relativeTolerance: Float = 0) -> Bool {
        guard let c = self.value(ref).constant, c.dtype == .float32, c.elementCount == 1,
              let v = try? c.scalars(as: Float.self).first else { return false }
        return relativeTolerance == 0 ? v == value : Swift.abs(v - value) <= relativeTolerance * Swift.abs(value)
    }

    /// Adds a constant node and returns its value.
    mutating func addConstant(_ tensor: Tensor, name: String) -> ValueRef {
        var node = Node(name: name, op: ConstOp(value: tensor), inputs: [])
        node.outputTypes = [TensorType(tensor.dtype, tensor.shape)]
        node.constants = [tensor]
        nodes.append(node)
        return ValueRef(node: nodes.count - 1, output: 0)
    }

    /// How many times each value is read by a node that will run, plus once per requested output.
    func readCounts() -> [ValueRef: Int] {
        var counts: [ValueRef: Int] = [:]
        for node in liveNodes() { for input in nodes[node].inputs { counts[input, default: 0] += 1 } }
        for output in outputs { counts[output, default: 0] += 1 }
        return counts
    }

    /// Replaces every read of `old` by `new` (in node inputs and requested outputs).
    mutating func replaceReads(of old: ValueRef, with new: ValueRef) {
        for i in nodes.indices {
            for j in nodes[i].inputs.indices where nodes[i].inputs[j] == old { nodes[i].inputs[j] = new }
        }
        for j in outputs.indices where outputs[j] == old { outputs[j] = new }
    }

    /// Non-constant, non-fed nodes that the requested outputs need, in execution (topological) order.
    func liveNodes() -> [Int] {
        var needed = [Bool](repeating: false, count: nodes.count)
        var stack = outputs.map(\.node)
        while let n = stack.popLast() {
            if needed[n] { continue }
            needed[n] = true
            if nodes[n].isConstant || nodes[n].feed != nil { continue }
            for input in nodes[n].inputs where !needed[input.node] { stack.append(input.node) }
        }
        // Nodes were added in topological order (synthetic constants have no inputs), so index order is valid
        // except for rewired inputs, which always point to earlier nodes.
        return nodes.indices.filter { needed[$0] && !nodes[$0].isConstant && nodes[$0].feed == nil }
    }
}
