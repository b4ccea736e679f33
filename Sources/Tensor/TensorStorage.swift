#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A 64-byte aligned block of memory that holds a tensor's elements.
///
/// The storage either owns its memory (freed on deinit) or borrows it from an `owner` that it keeps alive
/// (for example the bytes of a model file).
public final class TensorStorage: @unchecked Sendable {
    /// The first byte.
    public let base: UnsafeMutableRawPointer
    /// Number of usable bytes.
    public let byteCount: Int
    private let owner: AnyObject?
    /// The block to free when this storage owns its memory.
    private let allocation: UnsafeMutableRawPointer?

    /// Allocates `byteCount` zeroed bytes, 64-byte aligned.
    ///
    /// `calloc` hands out fresh pages of large blocks already zeroed by the system, so nothing is touched (or
    /// made resident) until it is written: a 25 MB weight copy does not first fault in 25 MB of zeros.
    public init(byteCount: Int) {
        let (padded, overflow) = max(byteCount, 1).addingReportingOverflow(63)
        guard !overflow, let block = calloc(padded, 1) else {
            fatalError("out of memory allocating \(byteCount) bytes")
        }
        let address = Int(bitPattern: block)
        self.base = block + ((64 - address % 64) % 64)
        self.byteCount = byteCount
        self.owner = nil
        self.allocation = block
    }

    /// Wraps memory owned by `owner`, which is retained as long as this storage lives.
    public init(borrowing base: UnsafeMutableRawPointer, byteCount: Int, owner: AnyObject?) {
        self.base = base
        self.byteCount = byteCount
        self.owner = owner
        self.allocation = nil
    }

    deinit {
        if let allocation { free(allocation) }
    }
}
