/// LLVM's prefetch intrinsic, `llvm.prefetch(address, rw, locality, cacheType)`: a hint that loads the cache
/// line holding `address` without waiting for it and without faulting (any address may be given). The three
/// integer arguments must be constants, so the intrinsic is only reached through `Prefetch.forRead(_:)`.
@_silgen_name("llvm.prefetch.p0")
private func llvmPrefetch(_ address: UnsafeRawPointer, _ readWrite: Int32, _ locality: Int32, _ cacheType: Int32)

/// Software prefetch, for streams the hardware prefetcher cannot predict (it does not follow a stream across
/// a 4 KiB page, so rows picked out of a matrix one page at a time each start cold).
enum Prefetch {
    /// Asks for the data cache line holding `address` to be loaded for reading, as non-temporal data (it is
    /// read once: the hint keeps it from pushing the convolution weights out of the outer caches).
    @inline(__always)
    static func forRead(_ address: UnsafeRawPointer) {
        llvmPrefetch(address, 0, 0, 1)
    }
}
