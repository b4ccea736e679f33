import Foundation
import Tensor

/// Runs an ``ExecutionPlan``: each run takes an ``ExecutionState`` from a pool (or makes one when every state is
/// in use by another run) and puts it back when done, so concurrent runs of the plan never share memory and
/// sequential runs reuse it.
final class PlanExecutor: @unchecked Sendable {
    /// The plan run.
    let plan: ExecutionPlan
    /// States not in use by a run (guarded by `lock`).
    private var idle: [ExecutionState] = []
    private let lock = NSLock()

    /// An executor for `plan`, with no state made yet.
    init(_ plan: ExecutionPlan) {
        self.plan = plan
    }

    /// Runs the plan on tensors whose types were checked against its ``ExecutionPlan/feedTypes`` (see
    /// ``ExecutionState/run(_:observe:)``).
    func run(_ feeds: [Tensor], observe: ((Int, UInt64) -> Void)? = nil) throws(LandmarkError) -> [Tensor] {
        let state = lock.withLock { idle.popLast() } ?? ExecutionState(plan)
        defer { lock.withLock { idle.append(state) } }
        return try state.run(feeds, observe: observe)
    }
}
