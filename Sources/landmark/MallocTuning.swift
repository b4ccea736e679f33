#if canImport(Glibc)
import Glibc
#endif

/// Settings of the C library's allocator for this process.
enum MallocTuning {
    /// Makes glibc map every allocation of at least `bytes` bytes on its own and unmap it on release (its
    /// `M_MMAP_THRESHOLD`), for a process that repeatedly allocates and frees buffers of tens of megabytes (video
    /// frames): glibc otherwise raises its threshold to the largest buffer freed, and later buffers come from
    /// heaps whose freed memory stays resident. No effect where the allocator is not glibc's.
    static func mapAllocations(from bytes: Int32) {
        #if canImport(Glibc)
        // mallopt is declared in <malloc.h>, which the Glibc module does not import; M_MMAP_THRESHOLD is -3.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, bytes)
        #endif
    }
}
