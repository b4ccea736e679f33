import COpenBLAS
import Foundation

/// Process-wide thread control of the BLAS-based kernels (Conv2D, Dense, MatMul).
///
/// OpenBLAS partitions one GEMM differently for different thread counts, which changes which micro-kernel
/// computes which output element and therefore the rounding. To make results bit-identical for every thread
/// count, OpenBLAS itself is pinned to one thread and the kernels split their work into fixed chunks (chosen
/// from the problem shape only) that `threadCount` workers compute concurrently, each with a single-threaded
/// BLAS call. `threadCount` is therefore the number of such workers.
public enum BLAS {
    /// Sets how many threads the BLAS-based kernels may use (values below 1 are treated as 1).
    public static func setThreadCount(_ n: Int) {
        settings.setThreadCount(Swift.max(1, n))
    }

    /// The number of threads the BLAS-based kernels currently use (default: the active processor count).
    public static var threadCount: Int {
        settings.threadCount
    }

    /// Pins OpenBLAS to one internal thread; every kernel calls this before its first BLAS call.
    @inline(__always)
    static func prepare() {
        _ = settings
    }

    /// The lazily created (thread-safe `static let`) settings; creating it pins OpenBLAS to one thread.
    private static let settings = ThreadSettings()
}

/// Lock-protected worker count.
private final class ThreadSettings: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int

    init() {
        openblas_set_num_threads(1)
        count = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    var threadCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func setThreadCount(_ n: Int) {
        lock.lock()
        count = n
        lock.unlock()
    }
}
