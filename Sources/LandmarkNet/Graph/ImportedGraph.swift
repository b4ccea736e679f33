import GraphDefReader
import Tensor

/// A reference to one output of one node of an ``ImportedGraph``.
struct ValueRef: Hashable, Sendable {
    var node: Int
    var output: Int
}

/// A GraphDef turned into typed ops with resolved input references: the shape-independent form of a model.
struct ImportedGraph: Sendable {
    /// One node: its name, its op, and its data inputs (control inputs are dropped).
    struct Node: Sendable {
        var name: String
        var op: any Operator
        var inputs: [ValueRef]
    }

    /// The nodes, in the file's order.
    var nodes: [Node]
    /// Node index by name.
    var index: [String: Int]
    /// Indices of `Placeholder` and `PlaceholderWithDefault` nodes.
    var placeholders: [Int]
    /// Unsupported op types and the nodes that use them, in the order they first appear.
    var unsupported: UnsupportedOps
    /// Total bytes of constant tensors.
    var constantBytes: Int
    /// Total elements of floating-point constant tensors (the parameter count).
    var parameterCount: Int

    /// Imports a GraphDef: inlines its function calls (``FunctionInlining``), makes each node's op as its ``OpTable`` entry says (decoding constants, parsing and
    /// checking attributes), notes the ops the table lacks, and resolves inputs. With `releasingConstantBytes`,
    /// each large `Const`'s `tensor_content` is copied into its tensor in 1 MiB steps and the file pages it came
    /// from are returned to the system as it goes, so that a model's weights are resident once (not file bytes +
    /// copies) even at the peak. Those bytes of `graph` read as zeros afterwards, so this is only for a GraphDef
    /// whose buffer nothing else reads
    /// (``Model/init(contentsOf:options:)`` and ``Model/init(data:options:)`` decode a private copy).
    init(_ graph: GraphDef, limits: ModelLimits, releasingConstantBytes: Bool = false) throws(LandmarkError) {
        guard graph.nodes.count <= limits.maxNodes else {
            throw LandmarkError(.limitExceeded, "the graph has \(graph.nodes.count) nodes, more than the limit of \(limits.maxNodes)")
        }
        let graph = try FunctionInlining.inline(graph, limits: limits)
        guard graph.nodes.count <= limits.maxNodes else {
            throw LandmarkError(.limitExceeded, "the graph has \(graph.nodes.count) nodes, more than the limit of \(limits.maxNodes)")
        }
        var index: [String: Int] = [:]
        for (i, node) in graph.nodes.enumerated() {
            guard index[node.name] == nil else {
                throw LandmarkError.node(node.name, node.op, "the graph has two nodes with this name")
            }
            index[node.name] = i
        }
        var nodes: [Node] = []
        var placeholders: [Int] = []
        var unsupported = UnsupportedOps()
        var constantBytes = 0, parameterCount = 0
        nodes.reserveCapacity(graph.nodes.count)
        for (i, node) in graph.nodes.enumerated() {
            var inputs: [ValueRef] = []
            for text in node.inputs {
                let reference: TensorReference
                do { reference = try TensorReference(parsing: text) } catch {
                    throw LandmarkError.node(node.name, node.op, "bad input reference '\(text)'")
                }
                if reference.isControl { continue }
                guard let source = index[reference.node] else {
                    throw LandmarkError.node(node.name, node.op, "input '\(text)' names a node that does not exist")
                }
                inputs.append(ValueRef(node: source, output: reference.outputIndex))
            }
            let op: any Operator
            do {
                switch OpTable.entry(for: node.op)?.construction {
                case .constant:
                    let value = try Tensor(proto: try Attributes(node).tensor("value"), maxBytes: limits.maxTensorBytes,
                                           releasingContentPages: releasingConstantBytes)
                    let (sum, overflow) = constantBytes.addingReportingOverflow(value.byteCount)
                    guard !overflow, sum <= limits.maxWeightBytes else {
                        throw OpError("the constants exceed the weight limit of \(limits.maxWeightBytes) bytes")
                    }
                    constantBytes = sum
                    if value.dtype.isFloatingPoint { parameterCount += value.elementCount }
                    op = ConstOp(value: value)
                case .placeholder:
                    let attributes = Attributes(node)
                    op = PlaceholderOp(dtype: try attributes.type("dtype"), shape: try attributes.shape("shape"))
                    placeholders.append(i)
                case .placeholderWithDefault:
                    let attributes = Attributes(node)
                    op = IdentityOp(typeName: node.op, declaredType: try attributes.type("dtype"),
                                    declaredShape: try attributes.shape("shape"))
                    placeholders.append(i)
                case .noOp:
                    op = NoOpOperator()
                case .factory(let make):
                    op = try make(node.op, Attributes(node))
                case nil:
                    unsupported.append(op: node.op, node: node.name)
                    op = UnsupportedOperator(typeName: node.op)
                }
            } catch let error as OpError {
                throw LandmarkError.node(node.name, node.op, error.message)
            } catch let error as LandmarkError {
                throw error
            } catch {
                throw LandmarkError.node(node.name, node.op, "\(error)")
            }
            nodes.append(Node(name: node.name, op: op, inputs: inputs))
        }
        // Kahn's algorithm over data edges: any node left unsorted lies on or behind a cycle.
        var pending = nodes.map { $0.inputs.count }
        var consumers = [[Int]](repeating: [], count: nodes.count)
        for (i, node) in nodes.enumerated() { for input in node.inputs { consumers[input.node].append(i) } }
        var ready = pending.indices.filter { pending[$0] == 0 }
        var sorted = 0
        while let n = ready.popLast() {
            sorted += 1
            for consumer in consumers[n] {
                pending[consumer] -= 1
                if pending[consumer] == 0 { ready.append(consumer) }
            }
        }
        if sorted < nodes.count, let stuck = pending.indices.first(where: { pending[$0] > 0 }) {
            throw LandmarkError(.cycle, "the graph has a cycle: node '\(nodes[stuck].name)' (\(nodes[stuck].op.typeName)) can never run")
        }
        self.nodes = nodes
        self.index = index
        self.placeholders = placeholders
        self.unsupported = unsupported
        self.constantBytes = constantBytes
        self.parameterCount = parameterCount
    }

    /// The declared dtype and shape of a placeholder (nil shape: unknown rank; -1: unknown dimension).
    func declaredType(ofPlaceholder node: Int) -> (dtype: DType?, shape: [Int]?) {
        if let placeholder = nodes[node].op as? PlaceholderOp { return (placeholder.dtype, placeholder.shape) }
        if let defaulted = nodes[node].op as? IdentityOp, defaulted.declaredType != nil {
            return (defaulted.declaredType, defaulted.declaredShape)
        }
        // Otherwise the type of its default, when that is a constant.
        if let input = nodes[node].inputs.first, let constant = nodes[input.node].op as? ConstOp {
            return (constant.value.dtype, constant.value.shape)
        }
        return (nil, nil)
    }

    /// Nodes whose outputs no other node reads (control edges do not count), excluding NoOps, constants and
    /// unused placeholders: what a graph "outputs" when no output is named.
    var sinks: [Int] {
        var consumed = [Bool](repeating: false, count: nodes.count)
        for node in nodes { for input in node.inputs { consumed[input.node] = true } }
        return nodes.indices.filter { i in
            !consumed[i] && !(nodes[i].op is NoOpOperator) && !(nodes[i].op is ConstOp) && !(nodes[i].op is PlaceholderOp)
        }
    }

    /// Resolves TensorFlow tensor syntax (`node` or `node:k`) to a value.
    func value(named name: String) throws(LandmarkError) -> ValueRef {
        guard let reference = try? TensorReference(parsing: name), !reference.isControl else {
            throw LandmarkError(.unknownTensor, "'\(name)' is not a tensor name (expected 'node' or 'node:k')")
        }
        guard let node = index[reference.node] else {
            throw LandmarkError(.unknownTensor, "the graph has no node named '\(reference.node)'")
        }
        return ValueRef(node: node, output: reference.outputIndex)
    }
}
