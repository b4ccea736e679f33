import GraphDefReader

/// The import pass that replaces function calls by the functions' bodies, so that the rest of the engine sees
/// one flat graph. TensorFlow 2 leaves `PartitionedCall`/`StatefulPartitionedCall` nodes (and TF1 graphs leave
/// nodes whose op is a function's name) in frozen graphs it could not inline.
///
/// A call node `c` of function `F` becomes `F`'s body nodes, renamed `c/<node>`, whose inputs are rewritten:
/// an argument name reads the call's corresponding input, `node:output_name:index` reads `c/node` at the flat
/// output index. Then an `IdentityN` named `c` returns the function's outputs (`ret`) in order, so that readers
/// of `c:k` read output k; a function without outputs becomes a `NoOp` named `c`. Calls inside a body are
/// inlined the same way, up to ``ModelLimits/maxCallDepth`` deep; a function that calls itself (directly or
/// through others) is refused, and the flat graph may hold at most ``ModelLimits/maxNodes`` nodes.
enum FunctionInlining {
    /// The op types that call the function named by their `f` attribute.
    static let callOps: Set<String> = ["PartitionedCall", "StatefulPartitionedCall"]

    /// The output arguments of the ops with more than one, whose outputs a function body names by argument
    /// (`bn:batch_mean:0`); every other op's outputs count from its first argument.
    static let outputArguments: [String: [String]] = {
        let batchNorm = ["y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"]
        return [
            "FusedBatchNorm": batchNorm, "FusedBatchNormV2": batchNorm, "FusedBatchNormV3": batchNorm + ["reserve_space_3"],
            "TopKV2": ["values", "indices"], "Unique": ["y", "idx"],
        ]
    }()

    /// `graph` with every call inlined (the graph itself when it calls no function).
    static func inline(_ graph: GraphDef, limits: ModelLimits) throws(LandmarkError) -> GraphDef {
        var library: [String: FunctionDef] = [:]
        for function in graph.functions where library[function.name] == nil { library[function.name] = function }
        guard graph.nodes.contains(where: { callee(of: $0, library) != nil }) else { return graph }
        var inliner = Inliner(library: library, limits: limits)
        for node in graph.nodes { try inliner.add(node, callStack: []) }
        var flat = graph
        flat.nodes = inliner.nodes
        flat.functions = []
        return flat
    }

    /// The name of the function a node calls, or nil when it is an ordinary op. A call op without a function name
    /// also counts (and fails when inlined).
    static func callee(of node: NodeDef, _ library: [String: FunctionDef]) -> String? {
        if callOps.contains(node.op) {
            if case .function(let name)? = node.attributes["f"] { return name }
            return ""
        }
        return library[node.op] != nil ? node.op : nil
    }

    /// The flat graph under construction.
    private struct Inliner {
        let library: [String: FunctionDef]
        let limits: ModelLimits
        var nodes: [NodeDef] = []

        init(library: [String: FunctionDef], limits: ModelLimits) {
            self.library = library
            self.limits = limits
        }

        /// Appends a node whose inputs already name flat-graph nodes, inlining it when it is a call.
        mutating func add(_ node: NodeDef, callStack: [String]) throws(LandmarkError) {
            guard let name = callee(of: node, library) else {
                try append(node)
                return
            }
            guard !name.isEmpty else { throw LandmarkError.node(node.name, node.op, "has no function attribute 'f'") }
            guard let function = library[name] else {
                throw LandmarkError.node(node.name, node.op, "calls function '\(name)', which the graph's library does not define")
            }
            if let first = callStack.firstIndex(of: name) {
                let cycle = (callStack[first...] + [name]).joined(separator: " -> ")
                throw LandmarkError(.cycle, "node '\(node.name)' (\(node.op)): function '\(name)' calls itself (\(cycle)): recursion cannot be inlined")
            }
            guard callStack.count < limits.maxCallDepth else {
                throw LandmarkError(.limitExceeded, "node '\(node.name)' (\(node.op)): function calls are nested more than \(limits.maxCallDepth) deep")
            }
            try inline(node, function, callStack: callStack + [name])
        }

        private mutating func append(_ node: NodeDef) throws(LandmarkError) {
            guard nodes.count < limits.maxNodes else {
                throw LandmarkError(.limitExceeded, "the graph with its function calls inlined has more than \(limits.maxNodes) nodes (at '\(node.name)')")
            }
            nodes.append(node)
        }

        /// Inlines one call of `function` made by `call`.
        private mutating func inline(_ call: NodeDef, _ function: FunctionDef, callStack: [String]) throws(LandmarkError) {
            func fail(_ message: String) -> LandmarkError {
                LandmarkError.node(call.name, call.op, "function '\(function.name)': \(message)")
            }
            if let list = function.inputs.first(where: \.isList) ?? function.outputs.first(where: \.isList) {
                throw fail("argument '\(list.name)' is a list of tensors, which inlining does not support")
            }
            let dataInputs = call.inputs.filter { !$0.hasPrefix("^") }
            guard dataInputs.count == function.inputs.count else {
                throw fail("takes \(function.inputs.count) inputs, the call passes \(dataInputs.count)")
            }
            var arguments: [String: String] = [:]
            for (argument, input) in zip(function.inputs, dataInputs) { arguments[argument.name] = input }
            var body: [String: NodeDef] = [:]
            for node in function.nodes {
                guard body[node.name] == nil, arguments[node.name] == nil else {
                    throw fail("two body nodes or arguments are named '\(node.name)'")
                }
                body[node.name] = node
            }
            let prefix = call.name + "/"

            /// A body input or return value as a flat-graph input.
            func resolve(_ text: String, _ site: String) throws(LandmarkError) -> String {
                if text.hasPrefix("^") {
                    let name = String(text.dropFirst())
                    if body[name] != nil { return "^" + prefix + name }
                    if let input = arguments[name] {
                        return "^" + (input.hasPrefix("^") ? String(input.dropFirst()) : String(input.split(separator: ":").first ?? ""))
                    }
                    throw fail("\(site) has control input '\(text)', which names no body node or argument")
                }
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                let index: Int
                switch parts.count {
                case 1: index = 0
                case 2, 3:
                    guard let value = Int(parts[parts.count - 1]), value >= 0 else {
                        throw fail("\(site) has input '\(text)' with a bad output index")
                    }
                    index = value
                default: throw fail("\(site) has input '\(text)', which is not 'node:output:index' or an argument")
                }
                let name = parts[0]
                if let input = arguments[name], parts.count < 3 {
                    guard index == 0 else { throw fail("\(site) reads output \(index) of argument '\(name)', which has one") }
                    return input
                }
                guard let producer = body[name] else {
                    throw fail("\(site) has input '\(text)', which names no body node or argument")
                }
                var flat = index
                if parts.count == 3 {
                    let argumentNames = library[producer.op]?.outputs.map(\.name) ?? outputArguments[producer.op]
                    if let argumentNames {
                        guard let position = argumentNames.firstIndex(of: parts[1]) else {
                            throw fail("\(site) reads output '\(parts[1])' of '\(name)' (\(producer.op)), which has no such output")
                        }
                        // Every earlier argument is one tensor (lists come last in these ops).
                        flat = position + index
                    }
                }
                return flat == 0 ? prefix + name : "\(prefix)\(name):\(flat)"
            }

            for node in function.nodes {
                var inlined = node
                inlined.name = prefix + node.name
                var inputs: [String] = []
                inputs.reserveCapacity(node.inputs.count)
                for input in node.inputs { inputs.append(try resolve(input, "body node '\(node.name)'")) }
                inlined.inputs = inputs
                if let (key, _) = node.attributes.first(where: { if case .placeholder = $0.value { true } else { false } }) {
                    throw fail("body node '\(node.name)' takes attribute '\(key)' from the call, which inlining does not support")
                }
                try add(inlined, callStack: callStack)
            }
            var returned: [String] = []
            for output in function.outputs {
                guard let value = function.returns[output.name] else { throw fail("output '\(output.name)' is never returned") }
                returned.append(try resolve(value, "output '\(output.name)'"))
            }
            let controls = call.inputs.filter { $0.hasPrefix("^") }
            if returned.isEmpty {
                try append(NodeDef(name: call.name, op: "NoOp", inputs: controls, device: call.device))
            } else {
                try append(NodeDef(name: call.name, op: "IdentityN", inputs: returned + controls, device: call.device))
            }
        }
    }
}
