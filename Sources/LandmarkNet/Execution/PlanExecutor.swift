import Foundation
import Tensor

/// Runs an ``ExecutionPlan``: each run takes an ``ExecutionState`` from a pool (or makes one when every state is
/// in use by another run) and an arena from the model's ``ArenaPool``, and puts both back when done, so
/// concurrent runs never share memory and sequential runs reuse it.
final class PlanExecutor: @unchecked Sendable {
    /// The plan run.
    let plan: ExecutionPlan
    /// The arenas runs borrow (the model's, shared with its other plans).
    private let arenas: ArenaPool
    /// States not in use by a run (guarded by `lock`).
    private var idle: [ExecutionState] = []
    private let lock = NSLock()

    /// An executor for `plan` whose runs borrow their arenas from `arenas`, with no state made yet.
    init(_ plan: ExecutionPlan, arenas: ArenaPool = ArenaPool()) {
        self.plan = plan
        self.arenas = arenas
    }

    /// Runs the plan on tensors whose types were checked against its ``ExecutionPlan/feedTypes`` (see
    /// ``ExecutionState/run(_:arena:observe:)``).
    func run(_ feeds: [Tensor], observe: ((Int, UInt64) -> Void)? = nil) throws(LandmarkError) -> [Tensor] {
        let state = lock.withLock { idle.popLast() } ?? ExecutionState(plan)
        let arena = arenas.take(byteCount: plan.arenaBytes)
        defer {
            arenas.give(arena)
            lock.withLock { idle.append(state) }
        }
        return try state.run(feeds, arena: arena, observe: observe)
    }
}
