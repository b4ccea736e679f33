import Tensor

/// A node whose op this engine does not implement; planning fails if a requested output needs it.
struct UnsupportedOperator: Operator {
    let typeName: String
    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] { throw OpError("op \(typeName) is not supported") }
    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        throw OpError("op \(typeName) is not supported")
    }
    var isFoldable: Bool { false }
}

/// Op types the engine does not implement and the nodes that use them, each type in the order it first
/// appears: what an ``LandmarkError/Kind/unsupportedOps`` error and `landmark inspect` list, all at once.
struct UnsupportedOps: Sendable {
    /// Each op type with the names of its nodes.
    private(set) var ops: [(op: String, nodes: [String])] = []
    /// Position of each op type in `ops`.
    private var position: [String: Int] = [:]

    /// Whether no node is unsupported.
    var isEmpty: Bool { ops.isEmpty }

    /// Notes that node `node` uses op type `op`.
    mutating func append(op: String, node: String) {
        if let k = position[op] {
            ops[k].nodes.append(node)
        } else {
            position[op] = ops.count
            ops.append((op, [node]))
        }
    }

    /// `unsupported ops: Frobnicate ('a', 'b'); Quux ('c')`.
    var error: LandmarkError {
        LandmarkError(.unsupportedOps, "unsupported ops: " + ops.map {
            "\($0.op) (\($0.nodes.map { "'\($0)'" }.joined(separator: ", ")))"
        }.joined(separator: "; "))
    }
}
