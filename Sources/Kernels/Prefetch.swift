import CKernelsAVX2

/// Software prefetch, for streams the hardware prefetcher cannot predict (it does not follow a stream across
/// a 4 KiB page, so rows picked out of a matrix one page at a time each start cold).
enum Prefetch {
    /// Asks for the data cache line holding `address` to be loaded for reading, as non-temporal data (it is
    /// read once: the hint keeps it from pushing the convolution weights out of the outer caches). Never faults.
    @inline(__always)
    static func forRead(_ address: UnsafeRawPointer) {
        landmark_prefetch_read_once(address)
    }
}
