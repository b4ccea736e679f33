import Foundation

/// Splitting a dense row-major array of any element type into pieces along one axis (the inverse of ``Concat``).
public enum Split {
    /// Where each output's rows come from: computed once from the shapes, so that running allocates nothing.
    public struct Layout: Sendable, Equatable {
        /// Product of the dimensions before the axis.
        public let outer: Int
        /// Bytes of one output row (its dimensions from the axis on), per output.
        public let chunkBytes: [Int]
        /// Bytes of one input row: the sum of `chunkBytes`.
        public let inputRowBytes: Int

        /// The layout for an input of `shape` split along `axis` (in `0 ..< rank`) into pieces of `sizes`
        /// elements along that axis (which add up to `shape[axis]`).
        public init(shape: [Int], axis: Int, sizes: [Int], elementSize: Int) {
            precondition(axis >= 0 && axis < shape.count, "Split: axis \(axis) out of range for rank \(shape.count)")
            precondition(sizes.reduce(0, +) == shape[axis], "Split: sizes \(sizes) do not add up to \(shape[axis])")
            outer = shape[..<axis].reduce(1, *)
            let inner = shape[(axis + 1)...].reduce(1, *) * elementSize
            chunkBytes = sizes.map { $0 * inner }
            inputRowBytes = shape[axis...].reduce(1, *) * elementSize
        }
    }

    /// Copies each output's rows out of `input`; `outputs` holds one pointer per `layout.chunkBytes` entry, none
    /// overlapping `input`.
    public static func apply(input: UnsafeRawPointer, layout: Layout, outputs: UnsafePointer<UnsafeMutableRawPointer>) {
        guard layout.outer > 0, layout.inputRowBytes > 0 else { return }
        var columnOffset = 0
        for (k, bytes) in layout.chunkBytes.enumerated() {
            if bytes > 0 {
                let output = outputs[k]
                for row in 0..<layout.outer {
                    memcpy(output + row * bytes, input + row * layout.inputRowBytes + columnOffset, bytes)
                }
            }
            columnOffset += bytes
        }
    }
}
