import Foundation

/// Concatenation of dense row-major arrays of any element type along one axis.
public enum Concat {
    /// Where each input's rows go: computed once from the shapes, so that running allocates nothing.
    public struct Layout: Sendable, Equatable {
        /// Product of the dimensions before the axis.
        public let outer: Int
        /// Bytes of one input row (its dimensions from the axis on), per input.
        public let chunkBytes: [Int]
        /// Bytes of one output row: the sum of `chunkBytes`.
        public let outputRowBytes: Int

        /// The layout for inputs of `shapes` (equal except along `axis`, already normalised to `0 ..< rank`).
        public init(shapes: [[Int]], axis: Int, elementSize: Int) {
            let first = shapes.first ?? []
            precondition(shapes.isEmpty || (axis >= 0 && axis < first.count), "Concat: axis \(axis) out of range for rank \(first.count)")
            outer = shapes.isEmpty ? 0 : first[..<axis].reduce(1, *)
            var chunks: [Int] = []
            for shape in shapes {
                precondition(shape.count == first.count, "Concat: rank mismatch \(shape) vs \(first)")
                chunks.append(shape[axis...].reduce(1, *) * elementSize)
            }
            chunkBytes = chunks
            outputRowBytes = chunks.reduce(0, +)
        }
    }

    /// Concatenates `inputs` (one per `layout.chunkBytes` entry) into `output`, which must not overlap any input.
    public static func apply(inputs: UnsafeBufferPointer<UnsafeRawPointer>, layout: Layout, output: UnsafeMutableRawPointer) {
        precondition(inputs.count == layout.chunkBytes.count, "Concat: \(inputs.count) inputs but \(layout.chunkBytes.count) in the layout")
        guard layout.outer > 0, layout.outputRowBytes > 0 else { return }
        var columnOffset = 0
        for (input, bytes) in zip(inputs, layout.chunkBytes) {
            if bytes > 0 {
                for row in 0..<layout.outer {
                    memcpy(output + row * layout.outputRowBytes + columnOffset, input + row * bytes, bytes)
                }
            }
            columnOffset += bytes
        }
    }

    /// Concatenates `inputs` (shapes `shapes`, equal except along `axis`) along `axis` (already normalised to
    /// `0 ..< rank`) into `output`, which must not overlap any input.
    public static func apply(inputs: [UnsafeRawPointer], shapes: [[Int]], axis: Int, elementSize: Int,
                             output: UnsafeMutableRawPointer) {
        precondition(inputs.count == shapes.count, "Concat: \(inputs.count) inputs but \(shapes.count) shapes")
        let layout = Layout(shapes: shapes, axis: axis, elementSize: elementSize)
        inputs.withUnsafeBufferPointer { apply(inputs: $0, layout: layout, output: output) }
    }
}
