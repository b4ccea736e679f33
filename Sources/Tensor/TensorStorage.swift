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
    private let ownsMemory: Bool

    /// Allocates `byteCount` zeroed bytes, 64-byte aligned.
    public init(byteCount: Int) {
        let size = max(byteCount, 1)
        var pointer: UnsafeMutableRawPointer?
        if posix_memalign(&pointer, 64, size) != 0 || pointer == nil {
            fatalError("out of memory allocating \(size) bytes")
        }
        memset(pointer!, 0, size)
        self.base = pointer!
        self.byteCount = byteCount
        self.owner = nil
        self.ownsMemory = true
    }

    /// Wraps memory owned by `owner`, which is retained as long as this storage lives.
    public init(borrowing base: UnsafeMutableRawPointer, byteCount: Int, owner: AnyObject?) {
        self.base = base
        self.byteCount = byteCount
        self.owner = owner
        self.ownsMemory = false
    }

    deinit {
        if ownsMemory { free(base) }
    }
}
