import Kernels
import Tensor

/// Turns an ``ImportedGraph`` into an ``ExecutionPlan`` for concrete input types and requested outputs:
/// prune, infer types, fold constants and shapes, forward identities, fuse, and plan memory.
struct Planner {
    let graph: ImportedGraph
    let limits: ModelLimits
    /// Whether 3x3 convolutions may use Winograd (``Model/Options/winograd``).
    var winograd = true
    /// The threads and code paths the plan's kernels run on.
    var context = ComputeContext.singleThreaded

    /// A fed input: the placeholder node and the concrete type it is fed with.
    struct Feed {
        var node: Int
        var type: TensorType
    }

    /// Plans the graph. `feeds` maps placeholder node indices to fed types; `outputs` are the requested values.
    func plan(feeds: [Feed], outputs: [ValueRef], outputNames: [String], feedNames: [String]) throws(LandmarkError) -> ExecutionPlan {
        for (feed, name) in zip(feeds, feedNames) where !Planner.fits(feed.type, limits.maxTensorBytes) {
            throw LandmarkError(.limitExceeded, "input '\(name)' \(feed.type) exceeds the tensor size limit of \(limits.maxTensorBytes) bytes"
                + (feed.type.shape.contains(0) ? " (counting its empty dimensions as 1)" : ""))
        }
        var work = try prunedGraph(feeds: feeds, outputs: outputs)
        try inferAndFold(&work, outputNames: outputNames)
        forwardIdentities(&work)
        // Before fusion: which convolutions run as GEMM decides which pools can be fused into them.
        if !winograd { Planner.disableWinograd(&work) }
        do {
            try FusionPasses.run(&work)
        } catch let error as OpError {
            throw LandmarkError(.invalidNode, "fusion: \(error.message)")
        } catch {
            throw LandmarkError(.invalidNode, "fusion: \(error)")
        }
        return try ExecutionPlan(work, feedNames: feedNames, outputNames: outputNames, limits: limits, context: context)
    }

    /// Makes every convolution use im2col + GEMM, whose summation order is closest to TensorFlow's.
    private static func disableWinograd(_ work: inout WorkGraph) {
        for n in work.nodes.indices {
            guard var conv = work.nodes[n].op as? Conv2DOp else { continue }
            conv.allowWinograd = false
            work.nodes[n].op = conv
        }
    }

    /// The nodes the outputs need, in topological order, with fed placeholders cut from their defaults.
    private func prunedGraph(feeds: [Feed], outputs: [ValueRef]) throws(LandmarkError) -> WorkGraph {
        var fedIndex: [Int: Int] = [:]
        for (i, feed) in feeds.enumerated() { fedIndex[feed.node] = i }
        let count = graph.nodes.count
        // Iterative depth-first post-order: 0 unvisited, 1 on the stack, 2 done.
        var state = [UInt8](repeating: 0, count: count)
        var order: [Int] = []
        for root in outputs.map(\.node) where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while !stack.isEmpty {
                let (node, next) = stack[stack.count - 1]
                let inputs = fedIndex[node] != nil ? [] : graph.nodes[node].inputs
                if next < inputs.count {
                    stack[stack.count - 1].next += 1
                    let child = inputs[next].node
                    if state[child] == 1 {
                        throw LandmarkError(.cycle, "the graph has a cycle through node '\(graph.nodes[child].name)'")
                    }
                    if state[child] == 0 {
                        state[child] = 1
                        stack.append((child, 0))
                    }
                } else {
                    state[node] = 2
                    order.append(node)
                    stack.removeLast()
                }
            }
        }
        var unsupported = UnsupportedOps()
        for n in order {
            if let op = graph.nodes[n].op as? UnsupportedOperator {
                unsupported.append(op: op.typeName, node: graph.nodes[n].name)
            }
        }
        if !unsupported.isEmpty { throw unsupported.error }
        var newIndex = [Int](repeating: -1, count: count)
        for (i, n) in order.enumerated() { newIndex[n] = i }
        var nodes: [WorkGraph.Node] = []
        nodes.reserveCapacity(order.count)
        for n in order {
            let source = graph.nodes[n]
            var node = WorkGraph.Node(
                name: source.name, op: source.op,
                inputs: fedIndex[n] != nil ? [] : source.inputs.map { ValueRef(node: newIndex[$0.node], output: $0.output) })
            if let feed = fedIndex[n] {
                node.feed = feed
                node.outputTypes = [feeds[feed].type]
            }
            nodes.append(node)
        }
        return WorkGraph(nodes: nodes, outputs: outputs.map { ValueRef(node: newIndex[$0.node], output: $0.output) })
    }

    /// Infers every node's output types in order and computes every value that depends only on constants.
    private func inferAndFold(_ work: inout WorkGraph, outputNames: [String]) throws(LandmarkError) {
        for n in work.nodes.indices where work.nodes[n].feed == nil {
            let node = work.nodes[n]
            do {
                if let placeholder = node.op as? PlaceholderOp {
                    let shape = placeholder.shape.map(ShapeMath.describe) ?? "<unknown rank>"
                    throw LandmarkError(.invalidFeed, "input '\(node.name)' (\(placeholder.dtype)\(shape)) was not fed")
                }
                var inputs: [PlanValue] = []
                for ref in node.inputs {
                    guard ref.output < work.nodes[ref.node].outputTypes.count else {
                        throw OpError("input '\(work.nodes[ref.node].name):\(ref.output)' does not exist: "
                            + "'\(work.nodes[ref.node].name)' has \(work.nodes[ref.node].outputTypes.count) outputs")
                    }
                    inputs.append(work.value(ref))
                }
                let types = try node.op.outputTypes(inputs)
                for type in types where !Planner.fits(type, limits.maxTensorBytes) {
                    throw OpError("output \(type) exceeds the tensor size limit of \(limits.maxTensorBytes) bytes"
                        + (type.shape.contains(0) ? " (counting its empty dimensions as 1)" : ""))
                }
                work.nodes[n].outputTypes = types
                if let values = try node.op.valuesFromShapes(inputs) {
                    work.nodes[n].constants = values
                } else if node.op.isFoldable, !inputs.isEmpty, inputs.allSatisfy({ $0.constant != nil }) {
                    work.nodes[n].constants = try Planner.evaluate(node.op, inputs, types, limits: limits)
                }
            } catch let error as OpError {
                throw LandmarkError.node(node.name, node.op.typeName, error.message)
            } catch let error as LandmarkError {
                throw error
            } catch {
                throw LandmarkError.node(node.name, node.op.typeName, "\(error)")
            }
        }
        for (i, ref) in work.outputs.enumerated() where ref.output >= work.nodes[ref.node].outputTypes.count {
            throw LandmarkError(.unknownTensor,
                "output '\(outputNames[i])' does not exist: '\(work.nodes[ref.node].name)' has \(work.nodes[ref.node].outputTypes.count) outputs")
        }
    }

    /// Whether a value of `type` fits in `limit` bytes, counting each empty (0) dimension as 1: an empty tensor
    /// whose other dimensions are huge (`[0, 2^62]`) holds no bytes, but the shape arithmetic of the ops after it
    /// (window sweeps, concatenated sizes, flop counts) would overflow.
    static func fits(_ type: TensorType, _ limit: Int) -> Bool {
        guard let bytes = ShapeMath.byteCount(type.shape.map { $0 == 0 ? 1 : $0 }, dtype: type.dtype) else { return false }
        return bytes <= limit
    }

    /// Runs an op on constant inputs while planning.
    static func evaluate(_ op: any Operator, _ inputs: [PlanValue], _ types: [TensorType], limits: ModelLimits) throws -> [Tensor] {
        if let aliased = op.aliasedInput, let value = inputs[aliased].constant {
            return [try value.reshaped(to: types[0].shape)]
        }
        // Folded once, while planning: on the planning thread alone.
        let kernel = try op.makeKernel(inputs, types, context: .singleThreaded)
        // A kernel's scratch is bounded by the arena limit, as it is when the kernel runs in the plan.
        guard kernel.scratchBytes >= 0, kernel.scratchBytes <= limits.maxArenaBytes else {
            throw OpError("folding it needs \(kernel.scratchBytes) bytes of scratch, more than the limit of \(limits.maxArenaBytes)")
        }
        let outputs = try types.map { try Tensor(zeros: $0.dtype, shape: $0.shape) }
        let scratch = TensorStorage(byteCount: kernel.scratchBytes)
        // Pointer tables with at least one slot, so their base addresses exist even for no inputs or outputs.
        let inputPointers = UnsafeMutablePointer<UnsafeRawPointer>.allocate(capacity: max(inputs.count, 1))
        let outputPointers = UnsafeMutablePointer<UnsafeMutableRawPointer>.allocate(capacity: max(outputs.count, 1))
        defer {
            inputPointers.deallocate()
            outputPointers.deallocate()
        }
        for (i, input) in inputs.enumerated() { inputPointers[i] = UnsafeRawPointer(input.constant!.storage.base) }
        for (i, output) in outputs.enumerated() { outputPointers[i] = output.storage.base }
        kernel.run(KernelIO(inputs: inputPointers, outputs: outputPointers, scratch: scratch.base))
        withExtendedLifetime(inputs) {}
        return outputs
    }

    /// Makes every read of an Identity-like node (and of each output of an `IdentityN`) read its input instead.
    private func forwardIdentities(_ work: inout WorkGraph) {
        // One pass in topological order: an identity's own input is already forwarded when it is reached, so a
        // chain of identities resolves to its start (rewriting every read per identity would be quadratic).
        var forwarded: [ValueRef: ValueRef] = [:]
        for n in work.nodes.indices {
            for j in work.nodes[n].inputs.indices {
                if let source = forwarded[work.nodes[n].inputs[j]] { work.nodes[n].inputs[j] = source }
            }
            if work.nodes[n].op is IdentityOp, !work.nodes[n].isConstant, work.nodes[n].feed == nil,
               let source = work.nodes[n].inputs.first {
                forwarded[ValueRef(node: n, output: 0)] = source
            }
            if work.nodes[n].op is IdentityNOp, !work.nodes[n].isConstant, work.nodes[n].feed == nil {
                for (k, source) in work.nodes[n].inputs.enumerated() { forwarded[ValueRef(node: n, output: k)] = source }
            }
        }
        for j in work.outputs.indices {
            if let source = forwarded[work.outputs[j]] { work.outputs[j] = source }
        }
    }
}
