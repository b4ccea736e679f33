import Dispatch
import Kernels
import Tensor

/// What one run of an ``ExecutionPlan`` writes: the arena (intermediates and the kernels' scratch) and the
/// kernels' pointer tables into it, and the loop that runs the steps. A state serves one run at a time; a
/// ``PlanExecutor`` keeps a pool of them so that concurrent runs of a plan each have their own.
final class ExecutionState {
    /// The plan this state runs (it holds the constants the pointer tables point into).
    let plan: ExecutionPlan
    /// The arena the tables point into (nil until the first run).
    private var boundArena: UnsafeMutableRawPointer?
    /// Table entries at an arena offset, and entries that only hold a valid address (feeds before patching,
    /// values never read): rewritten when a run brings another arena.
    private let arenaInputs: [(table: Int, offset: Int)]
    private let arenaOutputs: [(table: Int, offset: Int)]
    private let placeholderInputs: [Int]
    private let placeholderOutputs: [Int]
    private let inputTable: UnsafeMutablePointer<UnsafeRawPointer>
    private let outputTable: UnsafeMutablePointer<UnsafeMutableRawPointer>
    /// The same tables pointing at one item, for the steps run item by item.
    private let itemInputTable: UnsafeMutablePointer<UnsafeRawPointer>
    private let itemOutputTable: UnsafeMutablePointer<UnsafeMutableRawPointer>
    /// Per step run item by item, its time summed over the items (for `observe`).
    private let itemNanoseconds: UnsafeMutablePointer<UInt64>
    /// (table index, feed index) pairs patched with the fed tensors' addresses on every run.
    private let feedPatches: [(table: Int, feed: Int)]
    /// Per step, where its inputs and outputs start in the tables.
    private let inputStarts: [Int]
    private let outputStarts: [Int]

    /// Allocates the pointer tables for `plan` and fills the entries of its constants.
    init(_ plan: ExecutionPlan) {
        self.plan = plan
        let inputCount = plan.steps.reduce(0) { $0 + $1.inputs.count }
        let outputCount = plan.steps.reduce(0) { $0 + $1.outputs.count }
        inputTable = .allocate(capacity: max(inputCount, 1))
        outputTable = .allocate(capacity: max(outputCount, 1))
        itemInputTable = .allocate(capacity: max(inputCount, 1))
        itemOutputTable = .allocate(capacity: max(outputCount, 1))
        itemNanoseconds = .allocate(capacity: max(plan.itemStepCount, 1))
        var patches: [(Int, Int)] = []
        var inputStarts: [Int] = [], outputStarts: [Int] = []
        var arenaInputs: [(Int, Int)] = [], arenaOutputs: [(Int, Int)] = []
        var placeholderInputs: [Int] = [], placeholderOutputs: [Int] = []
        var i = 0, o = 0
        for step in plan.steps {
            inputStarts.append(i)
            for location in step.inputs {
                switch location {
                case .feed(let f): patches.append((i, f)); placeholderInputs.append(i)
                case .constant(let t): inputTable[i] = UnsafeRawPointer(t.storage.base)
                case .arena(let offset): arenaInputs.append((i, offset))
                case .unread: placeholderInputs.append(i)
                }
                i += 1
            }
            outputStarts.append(o)
            for location in step.outputs {
                if case .arena(let offset) = location { arenaOutputs.append((o, offset)) } else { placeholderOutputs.append(o) }
                o += 1
            }
        }
        feedPatches = patches
        self.inputStarts = inputStarts
        self.outputStarts = outputStarts
        self.arenaInputs = arenaInputs
        self.arenaOutputs = arenaOutputs
        self.placeholderInputs = placeholderInputs
        self.placeholderOutputs = placeholderOutputs
    }

    /// Points the tables into `base`, an arena of at least the plan's ``ExecutionPlan/arenaBytes``.
    private func bind(_ base: UnsafeMutableRawPointer) {
        guard boundArena != base else { return }
        for entry in arenaInputs { inputTable[entry.table] = UnsafeRawPointer(base + entry.offset) }
        for entry in arenaOutputs { outputTable[entry.table] = base + entry.offset }
        for table in placeholderInputs { inputTable[table] = UnsafeRawPointer(base) }
        for table in placeholderOutputs { outputTable[table] = base }
        boundArena = base
    }

    deinit {
        inputTable.deallocate()
        outputTable.deallocate()
        itemInputTable.deallocate()
        itemOutputTable.deallocate()
        itemNanoseconds.deallocate()
    }

    /// Runs the plan on tensors whose types were checked against its ``ExecutionPlan/feedTypes``, in `arena` (at
    /// least the plan's ``ExecutionPlan/arenaBytes``; what it holds is never read). `observe` is told each step's
    /// index and its duration in nanoseconds, for profiling. Allocates only the returned tensors.
    func run(_ feeds: [Tensor], arena: TensorStorage,
             observe: ((Int, UInt64) -> Void)? = nil) throws(LandmarkError) -> [Tensor] {
        precondition(arena.byteCount >= plan.arenaBytes, "ExecutionState: arena smaller than the plan's")
        bind(arena.base)
        for patch in feedPatches {
            inputTable[patch.table] = UnsafeRawPointer(feeds[patch.feed].storage.base)
        }
        let scratch = arena.base + plan.scratchOffset
        if plan.itemStepCount > 0 { runItemSteps(scratch: scratch, observe: observe) }
        for (s, step) in plan.steps.enumerated() where s >= plan.itemStepCount {
            let io = KernelIO(inputs: inputTable + inputStarts[s], outputs: outputTable + outputStarts[s], scratch: scratch)
            if let observe {
                let start = DispatchTime.now().uptimeNanoseconds
                step.kernel.run(io)
                observe(s, DispatchTime.now().uptimeNanoseconds - start)
            } else {
                step.kernel.run(io)
            }
        }
        var results: [Tensor] = []
        results.reserveCapacity(plan.outputLocations.count)
        for (location, type) in zip(plan.outputLocations, plan.outputTypes) {
            let source: UnsafeRawPointer
            switch location {
            case .feed(let f): source = UnsafeRawPointer(feeds[f].storage.base)
            case .constant(let t): results.append(t); continue
            case .unread: throw LandmarkError(.invalidNode, "output \(type) has no value")  // outputs are never unread
            case .arena(let offset): source = UnsafeRawPointer(arena.base + offset)
            }
            do {
                results.append(try Tensor(dtype: type.dtype, shape: type.shape,
                                          bytes: UnsafeRawBufferPointer(start: source, count: type.byteCount)))
            } catch {
                throw LandmarkError(.invalidNode, "output \(type): \(error)")
            }
        }
        withExtendedLifetime(feeds) {}
        withExtendedLifetime(arena) {}
        return results
    }

    /// Runs the plan's first ``ExecutionPlan/itemStepCount`` steps item by item: all of them for item 0, then for
    /// item 1, and so on.
    private func runItemSteps(scratch: UnsafeMutableRawPointer, observe: ((Int, UInt64) -> Void)?) {
        let steps = plan.steps, itemStepCount = plan.itemStepCount
        if observe != nil { itemNanoseconds.update(repeating: 0, count: itemStepCount) }
        for item in 0..<plan.itemCount {
            for s in 0..<itemStepCount {
                guard let strides = steps[s].itemStrides else { continue }
                let inputs = inputStarts[s], outputs = outputStarts[s]
                for (k, stride) in strides.inputs.enumerated() {
                    itemInputTable[inputs + k] = inputTable[inputs + k] + item * stride
                }
                for (k, stride) in strides.outputs.enumerated() {
                    itemOutputTable[outputs + k] = outputTable[outputs + k] + item * stride
                }
                let io = KernelIO(inputs: itemInputTable + inputs, outputs: itemOutputTable + outputs, scratch: scratch)
                if observe != nil {
                    let start = DispatchTime.now().uptimeNanoseconds
                    steps[s].kernel.run(io)
                    itemNanoseconds[s] += DispatchTime.now().uptimeNanoseconds - start
                } else {
                    steps[s].kernel.run(io)
                }
            }
        }
        if let observe { for s in 0..<itemStepCount { observe(s, itemNanoseconds[s]) } }
    }
}
