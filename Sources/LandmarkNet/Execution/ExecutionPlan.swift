#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Kernels
import Tensor

/// A graph planned for fixed input types and outputs: the kernels in execution order and where each value
/// lives. Built once per input shape; running it allocates only the returned output tensors.
///
/// With a batch (one input whose leading dimension is 2 or more), the leading steps whose ops compute every item
/// from that item alone and whose outputs are large per item run item by item, on kernels planned for one item:
/// an item's activations then stay in the caches from one such layer to the next, where a whole batch's do not
/// (the seed's large convolutions took 6-16% longer per face at batch 16 than at batch 1). The smaller layers
/// after them, which gain from a batch, run on it whole.
final class ExecutionPlan: @unchecked Sendable {
    /// Where a value's bytes are.
    enum Location {
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
    struct Step {
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
    /// batch, whose larger GEMMs serve them better (the seed's 12x12x64 to 5x5x256 layers).
    static let minimumItemElements = 16 * 1024

    let steps: [Step]
    let feedTypes: [TensorType]
    let feedNames: [String]
    let outputNames: [String]
    let outputLocations: [Location]
    let outputTypes: [TensorType]
    /// Bytes of arena one run needs (intermediates and scratch).
    let arenaBytes: Int
    private let scratchOffset: Int

    private var pool: [Arena] = []
    private let poolLock = NSLock()

    /// Plans `work`.
    init(_ work: WorkGraph, feedNames: [String], outputNames: [String], limits: ModelLimits) throws(LandmarkError) {
        let live = work.liveNodes()
        var feedTypes = [TensorType](repeating: TensorType(.float32, []), count: feedNames.count)
        for node in work.nodes { if let feed = node.feed { feedTypes[feed] = node.outputTypes[0] } }
        let (itemwise, items) = ExecutionPlan.itemwisePrefix(work, live: live, feedTypes: feedTypes)

        // Buffers: one per non-aliased output of a live node, with its lifetime in step positions.
        struct Buffer { var size: Int; var first: Int; var last: Int; var offset = 0; var holdsOneItem = false }
        var buffers: [Buffer] = []
        var bufferOf: [ValueRef: Int] = [:]
        // Views of a fed or constant value read that value's bytes directly.
        var viewOf: [ValueRef: ValueRef] = [:]
        // Every offset the placement below forms is at most the sum of all buffer sizes: check that it fits.
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
                    buffers.append(Buffer(size: padded & ~63, first: s, last: s))
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
                buffers[b].holdsOneItem = true
            } else {
                buffers[b].first = 0
            }
        }

        // Greedy placement, largest first, at the lowest offset free over the buffer's lifetime. Placed buffers are
        // grouped by offset (groups sorted by offset); buffers sharing an offset never live at the same time, so a
        // group is sorted by lifetime and its members living during a buffer's lifetime are found by binary search.
        // One sweep over the groups stops at the first gap that fits (checking every candidate offset against every
        // other buffer made this quadratic on long graphs and cubic when many buffers live at once). A sweep that
        // would look at more than `sweepBudget` groups and buffers gives up and places the buffer at the top of the
        // arena, which is always free: only a graph with hundreds of values alive at once gets there.
        let sweepBudget = 256
        var groupOffsets: [Int] = []
        var groupMembers: [[Int]] = []
        var arenaEnd = 0
        for b in buffers.indices.sorted(by: { buffers[$0].size > buffers[$1].size }) {
            let size = buffers[b].size, first = buffers[b].first, last = buffers[b].last
            // Zero-size buffers all go to offset 0 and never block another buffer: they are not recorded.
            guard size > 0 else { continue }
            var offset = 0
            var visited = 0
            for g in groupOffsets.indices {
                let groupOffset = groupOffsets[g]
                if groupOffset >= offset + size || visited > sweepBudget { break }
                visited += 1
                groupMembers[g].withUnsafeBufferPointer { members in
                    var low = 0, high = members.count
                    while low < high {
                        let middle = (low + high) / 2
                        if buffers[members[middle]].last < first { low = middle + 1 } else { high = middle }
                    }
                    // Every buffer passed so far ends at or before `offset`; one living now blocks it if it ends after.
                    while low < members.count, buffers[members[low]].first <= last, visited <= sweepBudget {
                        offset = max(offset, groupOffset + buffers[members[low]].size)
                        low += 1
                        visited += 1
                    }
                }
            }
            if visited > sweepBudget { offset = arenaEnd }
            buffers[b].offset = offset
            arenaEnd = max(arenaEnd, offset + size)
            var low = 0, high = groupOffsets.count
            while low < high {
                let middle = (low + high) / 2
                if groupOffsets[middle] < offset { low = middle + 1 } else { high = middle }
            }
            if low == groupOffsets.count || groupOffsets[low] != offset {
                groupOffsets.insert(offset, at: low)
                groupMembers.insert([], at: low)
            }
            var position = 0, end = groupMembers[low].count
            while position < end {
                let middle = (position + end) / 2
                if buffers[groupMembers[low][middle]].first <= first { position = middle + 1 } else { end = middle }
            }
            groupMembers[low].insert(b, at: position)
        }

        func location(_ ref: ValueRef) -> Location {
            let ref = viewOf[ref] ?? ref
            let node = work.nodes[ref.node]
            if let constants = node.constants { return .constant(constants[ref.output]) }
            if let feed = node.feed { return .feed(feed) }
            return .arena(buffers[bufferOf[ref]!].offset)
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
                    kernel = try node.op.makeKernel(itemInputs, node.outputTypes.map(item))
                    // Bytes from one item to the next: none in a constant or a buffer holding one item.
                    func stride(_ ref: ValueRef, _ type: TensorType) -> Int {
                        if work.nodes[ref.node].isConstant { return 0 }
                        if let b = bufferOf[ref], buffers[b].holdsOneItem { return 0 }
                        return type.byteCount / items
                    }
                    itemStrides = (zip(node.inputs, inputs).map { stride($0, $1.type) },
                                   node.outputTypes.indices.map { stride(ValueRef(node: n, output: $0), node.outputTypes[$0]) })
                } else {
                    kernel = try node.op.makeKernel(inputs, node.outputTypes)
                }
            } catch let error as OpError {
                throw LandmarkError.node(node.name, node.op.typeName, error.message)
            } catch {
                throw LandmarkError.node(node.name, node.op.typeName, "\(error)")
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
        let (total, overflow) = arenaEnd.addingReportingOverflow(scratch)
        guard !overflow, total <= limits.maxArenaBytes else {
            throw LandmarkError(.limitExceeded, "one run needs \(total) bytes of intermediates, more than the limit of \(limits.maxArenaBytes)")
        }
        self.steps = steps
        self.feedTypes = feedTypes
        self.feedNames = feedNames
        self.outputNames = outputNames
        self.outputLocations = work.outputs.map(location)
        self.outputTypes = work.outputs.map { work.nodes[$0.node].outputTypes[$0.output] }
        self.arenaBytes = total
        self.scratchOffset = arenaEnd
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

    /// Memory for one run at a time: the arena and the kernels' pointer tables.
    final class Arena {
        let storage: TensorStorage
        let inputTable: UnsafeMutablePointer<UnsafeRawPointer>
        let outputTable: UnsafeMutablePointer<UnsafeMutableRawPointer>
        /// The same tables pointing at one item, for the steps run item by item.
        let itemInputTable: UnsafeMutablePointer<UnsafeRawPointer>
        let itemOutputTable: UnsafeMutablePointer<UnsafeMutableRawPointer>
        /// Per step run item by item, its time summed over the items (for `observe`).
        let itemNanoseconds: UnsafeMutablePointer<UInt64>
        /// (table index, feed index) pairs patched with the fed tensors' addresses on every run.
        let feedPatches: [(Int, Int)]
        let inputStarts: [Int]
        let outputStarts: [Int]
        let tableSize: (Int, Int)

        init(_ plan: ExecutionPlan) {
            storage = TensorStorage(byteCount: plan.arenaBytes)
            let inputCount = plan.steps.reduce(0) { $0 + $1.inputs.count }
            let outputCount = plan.steps.reduce(0) { $0 + $1.outputs.count }
            tableSize = (inputCount, outputCount)
            inputTable = .allocate(capacity: max(inputCount, 1))
            outputTable = .allocate(capacity: max(outputCount, 1))
            itemInputTable = .allocate(capacity: max(inputCount, 1))
            itemOutputTable = .allocate(capacity: max(outputCount, 1))
            itemNanoseconds = .allocate(capacity: max(plan.itemStepCount, 1))
            var patches: [(Int, Int)] = []
            var inputStarts: [Int] = [], outputStarts: [Int] = []
            var i = 0, o = 0
            let base = storage.base
            for step in plan.steps {
                inputStarts.append(i)
                for location in step.inputs {
                    switch location {
                    case .feed(let f): patches.append((i, f)); inputTable[i] = UnsafeRawPointer(base)
                    case .constant(let t): inputTable[i] = UnsafeRawPointer(t.storage.base)
                    case .arena(let offset): inputTable[i] = UnsafeRawPointer(base + offset)
                    case .unread: inputTable[i] = UnsafeRawPointer(base)
                    }
                    i += 1
                }
                outputStarts.append(o)
                for location in step.outputs {
                    if case .arena(let offset) = location { outputTable[o] = base + offset } else { outputTable[o] = base }
                    o += 1
                }
            }
            feedPatches = patches
            self.inputStarts = inputStarts
            self.outputStarts = outputStarts
        }

        deinit {
            inputTable.deallocate()
            outputTable.deallocate()
            itemInputTable.deallocate()
            itemOutputTable.deallocate()
            itemNanoseconds.deallocate()
        }
    }

    private func acquireArena() -> Arena {
        poolLock.lock()
        defer { poolLock.unlock() }
        return pool.popLast() ?? Arena(self)
    }

    private func releaseArena(_ arena: Arena) {
        poolLock.lock()
        pool.append(arena)
        poolLock.unlock()
    }

    /// Runs the first ``itemStepCount`` steps item by item: all of them for item 0, then for item 1, and so on.
    private func runItemSteps(_ arena: Arena, scratch: UnsafeMutableRawPointer, observe: ((Int, UInt64) -> Void)?) {
        if observe != nil { arena.itemNanoseconds.update(repeating: 0, count: itemStepCount) }
        for item in 0..<itemCount {
            for s in 0..<itemStepCount {
                guard let strides = steps[s].itemStrides else { continue }
                let inputs = arena.inputStarts[s], outputs = arena.outputStarts[s]
                for (k, stride) in strides.inputs.enumerated() {
                    arena.itemInputTable[inputs + k] = arena.inputTable[inputs + k] + item * stride
                }
                for (k, stride) in strides.outputs.enumerated() {
                    arena.itemOutputTable[outputs + k] = arena.outputTable[outputs + k] + item * stride
                }
                let io = KernelIO(inputs: arena.itemInputTable + inputs, outputs: arena.itemOutputTable + outputs,
                                  scratch: scratch)
                if observe != nil {
                    let start = DispatchTime.now().uptimeNanoseconds
                    steps[s].kernel.run(io)
                    arena.itemNanoseconds[s] += DispatchTime.now().uptimeNanoseconds - start
                } else {
                    steps[s].kernel.run(io)
                }
            }
        }
        if let observe { for s in 0..<itemStepCount { observe(s, arena.itemNanoseconds[s]) } }
    }

    /// Runs the plan on tensors whose types were checked against ``feedTypes``. `observe` is told each
    /// step's index and its duration in nanoseconds, for profiling.
    func run(_ feeds: [Tensor], observe: ((Int, UInt64) -> Void)? = nil) throws(LandmarkError) -> [Tensor] {
        let arena = acquireArena()
        defer { releaseArena(arena) }
        for (tableIndex, feed) in arena.feedPatches {
            arena.inputTable[tableIndex] = UnsafeRawPointer(feeds[feed].storage.base)
        }
        let scratch = arena.storage.base + scratchOffset
        if itemStepCount > 0 { runItemSteps(arena, scratch: scratch, observe: observe) }
        for (s, step) in steps.enumerated() where s >= itemStepCount {
            let io = KernelIO(inputs: arena.inputTable + arena.inputStarts[s], outputs: arena.outputTable + arena.outputStarts[s],
                              scratch: scratch)
            if let observe {
                let start = DispatchTime.now().uptimeNanoseconds
                step.kernel.run(io)
                observe(s, DispatchTime.now().uptimeNanoseconds - start)
            } else {
                step.kernel.run(io)
            }
        }
        var results: [Tensor] = []
        results.reserveCapacity(outputLocations.count)
        for (location, type) in zip(outputLocations, outputTypes) {
            let source: UnsafeRawPointer
            switch location {
            case .feed(let f): source = UnsafeRawPointer(feeds[f].storage.base)
            case .constant(let t): results.append(t); continue
            case .unread: throw LandmarkError(.invalidNode, "output \(type) has no value")  // outputs are never unread
            case .arena(let offset): source = UnsafeRawPointer(arena.storage.base + offset)
            }
            do {
                results.append(try Tensor(dtype: type.dtype, shape: type.shape, bytes: UnsafeRawBufferPointer(start: source, count: type.byteCount)))
            } catch {
                throw LandmarkError(.invalidNode, "output \(type): \(error)")
            }
        }
        withExtendedLifetime(feeds) {}
        return results
    }
}
