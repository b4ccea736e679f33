import GraphDefReader

/// The import pass that replaces function calls by the functions' bodies, so that the rest of the engine sees
/// one flat graph. TensorFlow 2 leaves `PartitionedCall`/`StatefulPartitionedCall` nodes (and TF1 graphs leave
/// nodes whose op is a function's name) in frozen graphs it could not inline.
///
/// A call node `c` of function `F` becomes `F`'s body nodes, renamed `c/<node>`, whose inputs are rewritten:
/// an argument name reads the call's corresponding input, `node:output_name:index` reads `c/node` at the flat
/// output index. A list argument (`number_attr` / `type_list_attr`) stands for a run of the call's inputs, its
/// length given by the call's attribute or, for the one list a `PartitionedCall` leaves open, by its input count
/// (outputs: by `Tout`); named whole (`xs`, `split:output`) it reads every element in order, `xs:i` one. Then an `IdentityN` named `c` returns the function's outputs (`ret`) in order, so that readers
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
            let dataInputs = call.inputs.filter { !$0.hasPrefix("^") }
            let inputLengths = try FunctionInlining.argumentLengths(function.inputs, call: call, total: dataInputs.count,
                                                                    what: "input", limits: limits, fail)
            guard inputLengths.reduce(0, +) == dataInputs.count else {
                throw fail("takes \(inputLengths.reduce(0, +)) inputs, the call passes \(dataInputs.count)")
            }
            let outputLengths = try FunctionInlining.outputLengths(function, call: call, limits: limits, fail)
            // Each argument stands for its run of the call's inputs (one for a single tensor, N for a list).
            var arguments: [String: ArraySlice<String>] = [:]
            var next = 0
            for (argument, length) in zip(function.inputs, inputLengths) {
                arguments[argument.name] = dataInputs[next..<(next + length)]
                next += length
            }
            var body: [String: NodeDef] = [:]
            for node in function.nodes {
                guard body[node.name] == nil, arguments[node.name] == nil else {
                    throw fail("two body nodes or arguments are named '\(node.name)'")
                }
                body[node.name] = node
            }
            let prefix = call.name + "/"
            let library = self.library
            let limits = self.limits

            /// A body input or return value as flat-graph inputs: one, or a list's elements in order (an argument
            /// or a `node:list_output` named whole). `listLength` is the length of such a whole list when the
            /// caller knows it (a returned list output).
            func resolve(_ text: String, _ site: String, listLength: Int? = nil) throws(LandmarkError) -> [String] {
                if text.hasPrefix("^") {
                    let name = String(text.dropFirst())
                    if body[name] != nil { return ["^" + prefix + name] }
                    if let inputs = arguments[name] {
                        return inputs.map { "^" + ($0.hasPrefix("^") ? String($0.dropFirst()) : String($0.split(separator: ":").first ?? "")) }
                    }
                    throw fail("\(site) has control input '\(text)', which names no body node or argument")
                }
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count <= 3 else {
                    throw fail("\(site) has input '\(text)', which is not 'node:output:index' or an argument")
                }
                let name = parts[0]
                if let inputs = arguments[name], parts.count < 3 {
                    guard parts.count == 2 else { return Array(inputs) }  // the whole argument (a list: every element)
                    guard let index = Int(parts[1]), index >= 0, index < inputs.count else {
                        throw fail("\(site) reads element '\(parts[1])' of argument '\(name)', which has \(inputs.count)")
                    }
                    return [inputs[inputs.startIndex + index]]
                }
                guard let producer = body[name] else {
                    throw fail("\(site) has input '\(text)', which names no body node or argument")
                }
                let flat: [Int]
                switch parts.count {
                case 1: flat = [0]
                case 2 where Int(parts[1]) != nil:
                    guard let index = Int(parts[1]), index >= 0 else { throw fail("\(site) has input '\(text)' with a bad output index") }
                    flat = [index]
                default:
                    let (first, length) = try FunctionInlining.outputRange(of: producer, argument: parts[1], library,
                                                                           limits: limits, fail)
                    if parts.count == 2 {
                        guard let count = length ?? listLength else {
                            throw fail("\(site) reads list output '\(parts[1])' of '\(name)' (\(producer.op)) whole, whose length is not known")
                        }
                        flat = Array(first..<(first + count))
                    } else {
                        guard let index = Int(parts[2]), index >= 0, index < (length ?? Int.max) else {
                            throw fail("\(site) has input '\(text)' with a bad output index")
                        }
                        flat = [first + index]
                    }
                }
                return flat.map { $0 == 0 ? prefix + name : "\(prefix)\(name):\($0)" }
            }

            for node in function.nodes {
                var inlined = node
                inlined.name = prefix + node.name
                var inputs: [String] = []
                inputs.reserveCapacity(node.inputs.count)
                for input in node.inputs { inputs += try resolve(input, "body node '\(node.name)'") }
                inlined.inputs = inputs
                if let (key, _) = node.attributes.first(where: { if case .placeholder = $0.value { true } else { false } }) {
                    throw fail("body node '\(node.name)' takes attribute '\(key)' from the call, which inlining does not support")
                }
                try add(inlined, callStack: callStack)
            }
            var returned: [String] = []
            for (output, length) in zip(function.outputs, outputLengths) {
                guard let value = function.returns[output.name] else { throw fail("output '\(output.name)' is never returned") }
                let values = try resolve(value, "output '\(output.name)'", listLength: output.isList ? length : nil)
                guard values.count == length else {
                    throw fail("output '\(output.name)' returns \(values.count) tensors, the call expects \(length)")
                }
                returned += values
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

/// How many tensors a function's arguments stand for, and where a body node's named outputs lie.
extension FunctionInlining {
    /// The ops with one list output (named `output`) whose length is an integer attribute.
    static let listOutputLengthAttributes: [String: String] = ["Split": "num_split", "SplitV": "num_split", "Unpack": "num"]

    /// The number of tensors each of `arguments` stands for in `call`: one for a single tensor; for a list, the
    /// call's attribute the argument names (`number_attr`: an integer, `type_list_attr`: a list of types), or,
    /// for the one list whose length the call does not give (a `PartitionedCall` passes its function's
    /// attributes inside `f`), what `total` leaves for it.
    static func argumentLengths(_ arguments: [FunctionDef.Argument], call: NodeDef, total: Int?, what: String,
                                limits: ModelLimits, _ fail: (String) -> LandmarkError) throws(LandmarkError) -> [Int] {
        var lengths: [Int?] = []
        for argument in arguments {
            guard argument.isList else {
                lengths.append(1)
                continue
            }
            lengths.append(try listLength(argument, call.attributes, limits: limits, fail))
        }
        let unknown = lengths.indices.filter { lengths[$0] == nil }
        if unknown.count == 1, let total {
            let rest = total - lengths.reduce(0) { $0 + ($1 ?? 0) }
            guard rest >= 0 else {
                throw fail("\(what) list '\(arguments[unknown[0]].name)' would have \(rest) tensors (the call has \(total) \(what)s)")
            }
            lengths[unknown[0]] = rest
        } else if let first = unknown.first {
            let argument = arguments[first]
            let attribute = argument.numberAttribute.isEmpty ? argument.typeListAttribute : argument.numberAttribute
            throw fail("\(what) '\(argument.name)' is a list whose length the call does not give (attribute '\(attribute)')")
        }
        return lengths.map { $0 ?? 0 }
    }

    /// The number of tensors `call` gives each output argument of `function` (see ``argumentLengths``; a
    /// `PartitionedCall`'s `Tout` counts them all).
    static func outputLengths(_ function: FunctionDef, call: NodeDef, limits: ModelLimits,
                              _ fail: (String) -> LandmarkError) throws(LandmarkError) -> [Int] {
        let total = callOps.contains(call.op) ? call.attributes["Tout"]?.list?.types.count : nil
        return try argumentLengths(function.outputs, call: call, total: total, what: "output", limits: limits, fail)
    }

    /// The length a list argument's attribute gives in `attributes`, nil when it is absent; an error when it is
    /// negative or longer than a graph may have nodes.
    static func listLength(_ argument: FunctionDef.Argument, _ attributes: [String: AttrValue], limits: ModelLimits,
                           _ fail: (String) -> LandmarkError) throws(LandmarkError) -> Int? {
        let length: Int64
        if !argument.numberAttribute.isEmpty, case .int(let value)? = attributes[argument.numberAttribute] {
            length = value
        } else if !argument.typeListAttribute.isEmpty, case .list(let list)? = attributes[argument.typeListAttribute] {
            length = Int64(list.types.count)
        } else {
            return nil
        }
        guard length >= 0, length <= Int64(limits.maxNodes) else {
            throw fail("list argument '\(argument.name)' has length \(length)")
        }
        return Int(length)
    }

    /// The first flat output index of `producer`'s output argument `argument` and, when known, how many tensors
    /// it holds: from `Tout` for a `PartitionedCall`, from the function's signature for a node calling a library
    /// function by name, from the output table for the
    /// ops with several output arguments, from the length attribute for ops with one list output; any other op's
    /// outputs count from its first argument.
    static func outputRange(of producer: NodeDef, argument: String, _ library: [String: FunctionDef], limits: ModelLimits,
                            _ fail: (String) -> LandmarkError) throws(LandmarkError) -> (first: Int, length: Int?) {
        func missing() -> LandmarkError {
            fail("body node '\(producer.name)' (\(producer.op)) has no output '\(argument)'")
        }
        if callOps.contains(producer.op) {
            // `PartitionedCall`'s one output argument `output` is the list of every returned tensor.
            guard argument == "output" else { throw missing() }
            return (0, producer.attributes["Tout"]?.list?.types.count)
        }
        if let function = library[producer.op] {
            let lengths = try outputLengths(function, call: producer, limits: limits, fail)
            guard let position = function.outputs.firstIndex(where: { $0.name == argument }) else { throw missing() }
            return (lengths[..<position].reduce(0, +), lengths[position])
        }
        if let names = outputArguments[producer.op] {
            // Every argument is one tensor in these ops.
            guard let position = names.firstIndex(of: argument) else { throw missing() }
            return (position, 1)
        }
        if let attribute = listOutputLengthAttributes[producer.op], argument == "output" {
            guard case .int(let value)? = producer.attributes[attribute], value >= 0, value <= Int64(limits.maxNodes) else {
                return (0, nil)
            }
            return (0, Int(value))
        }
        if producer.op == "IdentityN", argument == "output", case .list(let list)? = producer.attributes["T"] {
            return (0, list.types.count)
        }
        return (0, nil)
    }
}
