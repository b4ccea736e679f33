import GraphDefReader
import Tensor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Decodes a GraphDef `TensorProto` (a Const node's `value`), copying its bytes once into aligned storage.
    ///
    /// With `releasingContentPages`, a `tensor_content` is copied in 1 MiB steps and the whole memory pages of
    /// each step's source are released (`madvise(MADV_DONTNEED)`: they read as zeros afterwards) before the next
    /// step, so the copy never doubles the resident size. Only for a buffer that nothing reads again.
    init(proto: TensorProto, maxBytes: Int, releasingContentPages: Bool = false) throws {
        guard let dtype = DType(tensorFlowValue: proto.dtype.rawValue) else {
            throw OpError("constants of dtype \(proto.dtype) are not supported")
        }
        guard !proto.shape.unknownRank else { throw OpError("a constant has an unknown rank") }
        var shape: [Int] = []
        for dim in proto.shape.dims {
            guard dim >= 0, dim <= Int64(Int.max) else { throw OpError("a constant has an unknown or negative dimension") }
            shape.append(Int(dim))
        }
        let bytes = try proto.elementBytes(maxBytes: maxBytes)
        let pageSize = Tensor.pageSize
        guard releasingContentPages, !proto.tensorContent.isEmpty, pageSize > 0, bytes.count >= 4 * pageSize else {
            self = try bytes.withUnsafeBytes { raw in try Tensor(dtype: dtype, shape: shape, bytes: raw) }
            return
        }
        var tensor = try Tensor(zeros: dtype, shape: shape)
        tensor.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { source in
                guard let from = source.baseAddress, let to = destination.baseAddress,
                      destination.count == source.count else { return }
                let step = 1 << 20
                var done = 0
                while done < source.count {
                    let count = Swift.min(step, source.count - done)
                    (to + done).copyMemory(from: from + done, byteCount: count)
                    // Whole pages inside [done, done + count) of the source (the partial pages at either end
                    // of the tensor stay: they may hold other fields).
                    let start = Int(bitPattern: from + done), end = start + count
                    let firstPage = (start + pageSize - 1) / pageSize * pageSize
                    let lastPage = end / pageSize * pageSize
                    if lastPage > firstPage, let page = UnsafeMutableRawPointer(bitPattern: firstPage) {
                        _ = madvise(page, lastPage - firstPage, Int32(MADV_DONTNEED))
                    }
                    done += count
                }
            }
        }
        self = tensor
    }

    /// The system's memory page size, or 0 when unknown.
    private static let pageSize: Int = Int(sysconf(Int32(_SC_PAGESIZE)))
}

extension DType {
    /// The dtype of a GraphDef `DataType`, or nil for types this engine does not hold in tensors.
    init?(_ type: DataType) {
        self.init(tensorFlowValue: type.rawValue)
    }
}
