/// Helpers for tensor shapes, which are plain `[Int]` arrays of non-negative dimensions.
public enum ShapeMath {
    /// The number of elements of `shape`, or `nil` when a dimension is negative or the product overflows.
    public static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dim in shape {
            guard dim >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// The number of bytes a tensor of `shape` and `dtype` takes, or `nil` on overflow or a negative dimension.
    public static func byteCount(_ shape: [Int], dtype: DType) -> Int? {
        guard let count = elementCount(shape) else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteSize)
        return overflow ? nil : bytes
    }

    /// Row-major (C order) strides in elements.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running &*= shape[axis]
        }
        return strides
    }

    /// NumPy broadcasting of two shapes, or `nil` when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                return nil
            }
        }
        return result
    }

    /// `shape` left-padded with ones to `rank`.
    public static func leftPadded(_ shape: [Int], toRank rank: Int) -> [Int] {
        shape.count >= rank ? shape : [Int](repeating: 1, count: rank - shape.count) + shape
    }

    /// A shape as TensorFlow prints it: `[1,128,128,3]`, unknown (negative) dimensions as `?`.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map { $0 < 0 ? "?" : String($0) }.joined(separator: ",") + "]"
    }
}
