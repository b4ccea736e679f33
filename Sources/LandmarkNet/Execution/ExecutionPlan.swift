import Kernels
import Tensor

/// A graph planned for fixed input types and outputs: the kernels in execution order, the types of the values and
/// where each lives (a fed tensor, a constant, or an offset in the arena, see ``ArenaLayout``). Immutable once
/// made, so any number of runs may share it; each run has its own ``ExecutionState`` (memory and the run loop).
///
/// With a batch (one input whose leading dimension is 2 or more), the leading steps whose ops compute every item
/// from that item alone and whose outputs are large per item run item by item, on kernels planned for one item:
/// an item's activations then stay in the caches from one such layer to the next, where a whole batch's do not.
/// The smaller layers after them, which gain from a batch, run on it whole.
final class ExecutionPlan: Sendable {
    /// Where a value's bytes are.
    enum Location: Sendable {
        /// The fed tensor with this index.
        case feed(Int)
        /// A constant held by the plan.
        case constant(Tensor)
        /// An offset into the run's arena.
        case arena(Int)
        /// A constant input the kernel does not read (it keeps its own form of it): not kept alive.
        case unread
    }

    /// One kernel invocation.
    struct Step: Sendable {
        /// The node's name.
        var name: String
        /// The op type, e.g. `Conv2D`.
        var typeName: String
        /// Ops fused into this one.
        var fused: [String]
        var kernel: any OpKernel
        var inputs: [Location]
        var outputs: [Location]
        var outputTypes: [TensorType]
        /// Floating-point operations.
        var flops: Int
        /// Bytes of weights read per run: the constant inputs, or the kernel's own form of them (a Winograd
        /// convolution's transformed filter).
        var weightBytes: Int
        /// For a step run item by item (its kernel planned for one item): the bytes from one item to the next of
        /// each input (0 for a constant) and output.
        var itemStrides: (inputs: [Int], outputs: [Int])?
    }

    /// Number of leading steps run item by item (0: none).
    let itemStepCount: Int
    /// The batch those steps go through (1 when there are none).
    let itemCount: Int
    /// The fewest elements per item an output needs for its step to run item by item: smaller layers keep the
    /// batch, whose larger GEMMs serve them better.
    static let minimumItemElements = 16 * 1024

    let steps: [Step]
    /// The threads and code paths the kernels run on.
    let context: ComputeContext
    let feedTypes: [TensorType]
    let feedNames: [String]
    let outputNames: [String]
    let outputLocations: [Location]
    let outputTypes: [TensorType]
    /// Bytes of arena one run needs (intermediates and scratch).
    let arenaBytes: Int
    /// Where the kernels' scratch starts in the arena (after the intermediates).
    let scratchOffset: Int

    /// Plans `work`, its kernels running on `context`.
    init(_ work: WorkGraph, feedNames: [String], outputNames: [String], limits: ModelLimits,
         context: ComputeContext) throws(LandmarkError) {
        let live = work.liveNodes()
        var feedTypes = [TensorType](repeating: TensorType(.float32, []), count: feedNames.count)
        for node in work.nodes { if let feed = node.feed { feedTypes[feed] = node.outputTypes[0] } }
        let (itemwise, items) = ExecutionPlan.itemwisePrefix(work, live: live, feedTypes: feedTypes)

        // Buffers: one per non-aliased output of a live node, with its lifetime in step positions.
        var buffers: [ArenaLayout.Buffer] = []
        // Per buffer, whether it holds one item of a batch run item by item (see below).
        var holdsOneItem: [Bool] = []
        var bufferOf: [ValueRef: Int] = [:]
        // Views of a fed or constant value read that value's bytes directly.
        var viewOf: [ValueRef: ValueRef] = [:]
        // Every offset the placement forms is at most the sum of all buffer sizes: check that it fits.
        var totalBufferBytes = 0
        for (s, n) in live.enumerated() {
            let node = work.nodes[n]
            for (k, type) in node.outputTypes.enumerated() {
                let ref = ValueRef(node: n, output: k)
                if k == 0, let aliased = node.op.aliasedInput {
                    let source = node.inputs[aliased]
                    if let buffer = bufferOf[source] { bufferOf[ref] = buffer } else { viewOf[ref] = viewOf[source] ?? source }
                } else {
                    let (padded, overflowPadded) = type.byteCount.addingReportingOverflow(63)
                    let (total, overflowTotal) = totalBufferBytes.addingReportingOverflow(padded & ~63)
                    guard !overflowPadded, !overflowTotal else {
                        throw LandmarkError(.limitExceeded, "one run needs more than \(Int.max) bytes of intermediates, more than the limit of \(limits.maxArenaBytes)")
                    }
                    totalBufferBytes = total
                    bufferOf[ref] = buffers.count
                    buffers.append(ArenaLayout.Buffer(size: padded & ~63, first: s, last: s))
                    holdsOneItem.append(false)
                }
            }
        }
        for (s, n) in live.enumerated() {
            for input in work.nodes[n].inputs { if let b = bufferOf[input] { buffers[b].last = max(buffers[b].last, s) } }
        }
        for output in work.outputs { if let b = bufferOf[output] { buffers[b].last = live.count } }
        // Item by item, a value used only by those steps holds one item, and every item reuses it (and stays in
        // the caches); one used later holds the batch, and lives from the first step on, so that no item's
        // intermediates share its memory.
        for b in buffers.indices where buffers[b].first < itemwise {
            if buffers[b].last < itemwise {
                buffers[b].size = (buffers[b].size / items + 63) & ~63
                holdsOneItem[b] = true
            } else {
                buffers[b].first = 0
            }
        }
        let layout = ArenaLayout(buffers)

        func location(_ ref: ValueRef) -> Location {
            let ref = viewOf[ref] ?? ref
            let node = work.nodes[ref.node]
            if let constants = node.constants { return .constant(constants[ref.output]) }
            if let feed = node.feed { return .feed(feed) }
            return .arena(layout.offsets[bufferOf[ref]!])
        }

        var steps: [Step] = []
        var scratch = 0
        // Views (Reshape, ExpandDims, Squeeze, ...) share their input's bytes: nothing to run.
        for (position, n) in live.enumerated() where work.nodes[n].op.aliasedInput == nil {
            let node = work.nodes[n]
            let inputs = node.inputs.map { work.value($0) }
            let kernel: any OpKernel
            var itemStrides: (inputs: [Int], outputs: [Int])?
            do {
                if position < itemwise {
                    // One item's types: the leading dimension 1.
                    func item(_ type: TensorType) -> TensorType { TensorType(type.dtype, [1] + type.shape.dropFirst()) }
                    let itemInputs = inputs.map { $0.constant == nil ? PlanValue(item($0.type)) : $0 }
                    kernel = try node.op.makeKernel(itemInputs, node.outputTypes.map(item), context: context)
                    // Bytes from one item to the next: none in a constant or a buffer holding one item.
                    func stride(_ ref: ValueRef, _ type: TensorType) -> Int {
                        if work.nodes[ref.node].isConstant { return 0 }
                        if let b = bufferOf[ref], holdsOneItem[b] { return 0 }
                        return type.byteCount / items
                    }
                    itemStrides = (zip(node.inputs, inputs).map { stride($0, $1.type) },
                                   node.outputTypes.indices.map { stride(ValueRef(node: n, output: $0), node.outputTypes[$0]) })
                } else {
                    kernel = try node.op.makeKernel(inputs, node.outputTypes, context: context)
                }
            } catch let error as OpError {
                throw LandmarkError.node(node.name, node.op.typeName, error.message)
            } catch {
                throw LandmarkError.node(node.name, node.op.typeName, "\(error)")
            }
            // Bounded before rounding up, so a kernel's claim of nearly Int.max bytes is an error, not an overflow.
            guard kernel.scratchBytes >= 0, kernel.scratchBytes <= limits.maxArenaBytes else {
                throw LandmarkError.node(node.name, node.op.typeName,
                    "needs \(kernel.scratchBytes) bytes of scratch, more than the limit of \(limits.maxArenaBytes)")
            }
            scratch = max(scratch, (kernel.scratchBytes + 63) & ~63)
            let weightBytes = kernel.weightBytesRead ?? inputs.reduce(0) { $0 + ($1.constant?.byteCount ?? 0) }
            steps.append(Step(
                name: node.name, typeName: node.op.typeName, fused: node.fused, kernel: kernel,
                inputs: node.inputs.enumerated().map { k, ref in
                    work.nodes[ref.node].isConstant && !kernel.readsConstantInput(k) ? .unread : location(ref)
                },
                outputs: node.outputTypes.indices.map { location(ValueRef(node: n, output: $0)) },
                outputTypes: node.outputTypes, flops: node.op.flops(inputs, node.outputTypes), weightBytes: weightBytes,
                itemStrides: itemStrides))
        }
        let (total, overflow) = layout.byteCount.addingReportingOverflow(scratch)
        guard !overflow, total <= limits.maxArenaBytes else {
            throw LandmarkError(.limitExceeded, "one run needs \(total) bytes of intermediates, more than the limit of \(limits.maxArenaBytes)")
        }
        self.steps = steps
        self.context = context
        self.feedTypes = feedTypes
        self.feedNames = feedNames
        self.outputNames = outputNames
        self.outputLocations = work.outputs.map(location)
        self.outputTypes = work.outputs.map { work.nodes[$0.node].outputTypes[$0.output] }
        self.arenaBytes = total
        self.scratchOffset = layout.byteCount
        self.itemStepCount = itemwise
        self.itemCount = itemwise > 0 ? items : 1
    }

    /// The leading live nodes to run item by item, and the batch: with exactly one input of leading dimension
    /// `N >= 2`, the longest prefix of `live` whose ops compute items independently, read only that input, earlier
    /// such nodes and constants, keep the leading dimension `N`, and give at least ``minimumItemElements`` elements
    /// per item. `(0, 1)` when there is none.
    private static func itemwisePrefix(_ work: WorkGraph, live: [Int], feedTypes: [TensorType]) -> (Int, Int) {
        guard feedTypes.count == 1, let items = feedTypes[0].shape.first, items >= 2 else { return (0, 1) }
        var itemwise = 0
        var isItemValue = Set<Int>()  // nodes whose outputs are items: the fed input and the prefix so far
        for (n, node) in work.nodes.enumerated() where node.feed != nil { isItemValue.insert(n) }
        for n in live {
            let node = work.nodes[n]
            guard node.op.aliasedInput == nil, node.op.computesItemsIndependently(node.inputs.map { work.value($0) }),
                  node.inputs.allSatisfy({ work.nodes[$0.node].isConstant || isItemValue.contains($0.node) }),
                  node.inputs.allSatisfy({ work.nodes[$0.node].isConstant || work.value($0).type.shape.first == items }),
                  !node.outputTypes.isEmpty, node.outputTypes.allSatisfy({ $0.shape.first == items }),
                  node.outputTypes.allSatisfy({ $0.elementCount / items >= minimumItemElements })
            else { break }
            isItemValue.insert(n)
            itemwise += 1
        }
        return itemwise > 0 ? (itemwise, items) : (0, 1)
    }
}
