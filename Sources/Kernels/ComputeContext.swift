import Foundation

/// How kernels run: on how many threads, with which helper threads, and whether they may use their AVX2 code.
///
/// Kernels built with a context keep it and run on it; nothing about how they run is process-wide, so two models
/// with different contexts can run at the same time, each with its own worker count. Results never depend on the
/// context: every parallel kernel splits its work into tasks fixed by the shapes alone, and a task computes the same
/// bits on whichever thread runs it (OpenBLAS itself is pinned to one thread, see ``BLAS``). The AVX2 Winograd
/// transforms give the bits of the Swift code they replace; only the batch dense kernel's fused multiply-adds
/// (``DenseKernel``) round differently with AVX2 off.
public struct ComputeContext: Sendable {
    /// The most threads a context runs on (larger requests are clamped to it).
    public static let maximumWorkerCount = 256

    /// Threads a parallel kernel runs on: the calling thread and up to `workerCount - 1` helper threads of this
    /// context's own pool, started on first use and ended when the last kernel holding the context is gone. A
    /// kernel never uses more threads than it has tasks. More workers than the machine has cores are allowed; they
    /// share the cores, which makes runs slower, not different.
    public let workerCount: Int
    /// Whether kernels use their AVX2 code: allowed when the context was made and the CPU has AVX2.
    public let usesAVX2: Bool
    /// Whether convolutions may run their small GEMMs on kernels generated for their shapes (``GeneratedSGEMM``);
    /// off (for tests comparing the two) every GEMM goes to OpenBLAS.
    let generatesGEMMKernels: Bool
    /// The ``WorkerPool`` of helper threads (nil for one worker), typed `AnyObject` because the pool needs
    /// macOS 15 (`Synchronization`) and the package supports older systems. Immutable after `init`.
    nonisolated(unsafe) private let poolObject: AnyObject?

    /// A context running kernels on `workerCount` threads (clamped to `1 ... maximumWorkerCount`); `allowsAVX2`
    /// false keeps kernels on their portable code even on a CPU with AVX2.
    public init(workerCount: Int = 1, allowsAVX2: Bool = true) {
        self.init(workerCount: workerCount, allowsAVX2: allowsAVX2, generatesGEMMKernels: true)
    }

    /// A context as ``init(workerCount:allowsAVX2:)`` makes it, with generated GEMM kernels allowed or not.
    init(workerCount: Int, allowsAVX2: Bool, generatesGEMMKernels: Bool) {
        let count = Swift.min(Swift.max(1, workerCount), ComputeContext.maximumWorkerCount)
        self.workerCount = count
        usesAVX2 = allowsAVX2 && AVX2Kernels.available
        self.generatesGEMMKernels = generatesGEMMKernels
        if #available(macOS 15.0, *), count > 1 {
            poolObject = WorkerPool()
        } else {
            poolObject = nil
        }
    }

    /// One thread, AVX2 allowed: what a kernel built without a context runs on.
    public static let singleThreaded = ComputeContext()

    /// The number of active processors, the worker count a model uses unless told otherwise.
    public static var activeProcessorCount: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Whether kernels use the AVX2 code with fused multiply-adds (`landmark_dense_gather`): AVX2 is used and the
    /// CPU has FMA.
    var usesFusedMultiplyAdd: Bool { usesAVX2 && AVX2Kernels.fusedMultiplyAddAvailable }

    /// Calls `body(task, worker)` once for every `task` in `0 ..< taskCount`, on at most `workers` (default and at
    /// most ``workerCount``) threads, the caller's one of them (see ``ParallelWork``). `worker` is below that
    /// number and unique among bodies running at the same time. Returns when all tasks are done.
    func forEachTask(_ taskCount: Int, workers: Int? = nil, _ body: (_ task: Int, _ worker: Int) -> Void) {
        let threads = Swift.min(workers ?? workerCount, workerCount)
        if #available(macOS 15.0, *) {
            ParallelWork.run(taskCount: taskCount, workers: threads, pool: pool, body)
        } else {
            ParallelWork.run(taskCount: taskCount, workers: threads, body)
        }
    }

    /// Elements per task of a split elementwise pass (``forEachRange(_:grain:_:)``): 64 KiB of float32, a few
    /// microseconds of work, so that the cost of handing a task to a helper stays small beside it.
    static let elementwiseGrain = 16_384

    /// Calls `body(range)` for consecutive ranges covering `0 ..< count`, on this context's workers. The ranges
    /// depend on `count` and `grain` only: `count / grain` (at least 1) near-equal ranges whose bounds are
    /// multiples of 64, so a pass that vectorises by up to 64 elements sees the same vector blocks and tail as one
    /// call over the whole range. Fewer than `2 * grain` elements run as one range on the calling thread.
    func forEachRange(_ count: Int, grain: Int = elementwiseGrain, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let tasks = Swift.min(count / Swift.max(grain, 64), 1024)
        guard workerCount > 1, tasks > 1 else { body(0..<count); return }
        let blocks = (count + 63) / 64
        forEachTask(tasks) { task, _ in
            let start = Swift.min(blocks * task / tasks * 64, count)
            let end = task == tasks - 1 ? count : Swift.min(blocks * (task + 1) / tasks * 64, count)
            if start < end { body(start..<end) }
        }
    }

    /// The helper threads (nil for one worker).
    @available(macOS 15.0, *)
    var pool: WorkerPool? {
        poolObject.map { unsafeDowncast($0, to: WorkerPool.self) }
    }
}
