import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS, pinned to one thread.
///
/// OpenBLAS partitions one GEMM differently for different thread counts, which changes which micro-kernel
/// computes which output element and therefore the rounding. To make results bit-identical for every thread
/// count, OpenBLAS itself always runs on one thread, and the kernels split their work into fixed chunks (chosen
/// from the problem shape only) that their ``ComputeContext``'s workers compute concurrently, each with a
/// single-threaded BLAS call.
public enum BLAS {
    /// Pins OpenBLAS to one internal thread and ends its own worker threads; every kernel calls this before its
    /// first BLAS call. Those workers spin from the moment the library is loaded, so a program that cares about
    /// its start-up time (the `landmark` CLI) calls this first thing in `main`.
    @inline(__always)
    public static func prepare() {
        _ = pinned
    }

    /// Set once, thread-safely (a `static let`), by pinning OpenBLAS.
    private static let pinned: Bool = {
        openblas_set_num_threads(1)
        stopOpenBLASWorkers()
        return true
    }()

    /// Ends OpenBLAS' own worker threads. Its library constructor starts one per core, and each spins in
    /// `sched_yield` for about 2^28 cycles (~0.1 s) before sleeping, taking cores from a short run on a machine
    /// with few of them. Pinned to one thread, OpenBLAS never hands them work (and would start them again if
    /// it did). `blas_thread_shutdown_` is looked up at run time because only threaded OpenBLAS builds have it.
    private static func stopOpenBLASWorkers() {
        #if canImport(Glibc)
        typealias Shutdown = @convention(c) () -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
    }
}
