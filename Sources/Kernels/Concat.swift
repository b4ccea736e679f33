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
        apply(inputs: inputs, layout: layout, output: output, context: .singleThreaded)
    }

    /// Concatenates `inputs` as ``apply(inputs:layout:output:)`` does, the output rows split into ranges fixed by
    /// the layout and copied on `context`'s workers.
    public static func apply(inputs: UnsafeBufferPointer<UnsafeRawPointer>, layout: Layout, output: UnsafeMutableRawPointer,
                             context: ComputeContext) {
        precondition(inputs.count == layout.chunkBytes.count, "Concat: \(inputs.count) inputs but \(layout.chunkBytes.count) in the layout")
        guard layout.outer > 0, layout.outputRowBytes > 0 else { return }
        let grainBytes = ComputeContext.elementwiseGrain * MemoryLayout<Float>.size
        let shared = UncheckedSendable((inputs: inputs, output: output))
        context.forEachRange(layout.outer, grain: Swift.max(1, grainBytes / layout.outputRowBytes)) { rows in
            copyRows(rows, inputs: shared.value.inputs, layout: layout, output: shared.value.output)
        }
    }

    private static func copyRows(_ rows: Range<Int>, inputs: UnsafeBufferPointer<UnsafeRawPointer>, layout: Layout,
                                 output: UnsafeMutableRawPointer) {
        var columnOffset = 0
        for (input, bytes) in zip(inputs, layout.chunkBytes) {
            if bytes > 0 {
                for row in rows {
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
