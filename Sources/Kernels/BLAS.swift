import COpenBLAS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// Pins OpenBLAS to one internal thread and ends its own worker threads; every kernel calls this before its
    /// first BLAS call. Those workers spin from the moment the library is loaded, so a program that cares about
    /// its start-up time (the `landmark` CLI) calls this first thing in `main`.
    @inline(__always)
    public static func prepare() {
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
        ThreadSettings.stopOpenBLASWorkers()
        count = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Ends OpenBLAS' own worker threads. Its library constructor starts one per core, and each spins in
    /// `sched_yield` for about 2^28 cycles (~0.1 s) before sleeping: on a 2-core machine that took a core from a
    /// cold `landmark run`. Pinned to one thread, OpenBLAS never hands them work (and would start them again if
    /// it did). `blas_thread_shutdown_` is looked up at run time because only threaded OpenBLAS builds have it.
    private static func stopOpenBLASWorkers() {
        #if canImport(Glibc)
        typealias Shutdown = @convention(c) () -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
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
