import Foundation

/// Gathering slices of a dense row-major array along one axis by an index tensor (TensorFlow's `GatherV2` with
/// `batch_dims` 0).
public enum Gather {
    /// The shape of a gather, fixed while planning.
    public struct Layout: Sendable, Equatable {
        /// Product of the dimensions of `params` before the axis.
        public let outer: Int
        /// Size of the gathered axis.
        public let axisSize: Int
        /// Bytes of one slice (the dimensions of `params` after the axis).
        public let sliceBytes: Int
        /// Number of indices.
        public let indexCount: Int

        /// The layout for `params` of `shape` gathered along `axis` (in `0 ..< rank`) by `indexCount` indices.
        public init(shape: [Int], axis: Int, indexCount: Int, elementSize: Int) {
            precondition(axis >= 0 && axis < shape.count, "Gather: axis \(axis) out of range for rank \(shape.count)")
            outer = shape[..<axis].reduce(1, *)
            axisSize = shape[axis]
            sliceBytes = shape[(axis + 1)...].reduce(1, *) * elementSize
            self.indexCount = indexCount
        }
    }

    /// `output[o, j, ...] = params[o, indices[j], ...]`. An index outside `0 ..< axisSize` gathers a slice of
    /// zeros (TensorFlow's CPU kernel fails the run instead; a planned kernel cannot fail).
    public static func apply<Index: FixedWidthInteger>(params: UnsafeRawPointer, indices: UnsafePointer<Index>,
                                                       layout: Layout, output: UnsafeMutableRawPointer) {
        let bytes = layout.sliceBytes
        guard bytes > 0, layout.indexCount > 0 else { return }
        var destination = output
        for o in 0..<layout.outer {
            let base = params + o * layout.axisSize * bytes
            for j in 0..<layout.indexCount {
                let index = Int(truncatingIfNeeded: indices[j])
                if index >= 0 && index < layout.axisSize {
                    memcpy(destination, base + index * bytes, bytes)
                } else {
                    memset(destination, 0, bytes)
                }
                destination += bytes
            }
        }
    }
}
