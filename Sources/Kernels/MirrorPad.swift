import Foundation

/// Mirror padding (TensorFlow's `MirrorPad`) of a dense row-major array of any element type.
public enum MirrorPad {
    /// Whether the mirror includes the edge element (`SYMMETRIC`) or not (`REFLECT`).
    public enum Mode: Sendable, Equatable {
        /// `[1, 2, 3]` padded by 2 on each side: `[3, 2, 1, 2, 3, 2, 1]`.
        case reflect
        /// `[1, 2, 3]` padded by 2 on each side: `[2, 1, 1, 2, 3, 3, 2]`.
        case symmetric
    }

    /// The source index of every output index, per axis; computed once while planning.
    public struct Layout: Sendable, Equatable {
        /// The input shape.
        public let shape: [Int]
        /// The output shape.
        public let outputShape: [Int]
        /// `sources[d][o]`: the input index along axis `d` that output index `o` copies.
        public let sources: [[Int]]
        /// Row-major element strides of the input.
        public let inputStrides: [Int]
        /// Pads before and after along the last axis.
        public let innerBefore: Int
        public let innerAfter: Int

        /// The layout for `before`/`after` pads of an input of `shape`; pads must be at most `shape[d] - 1`
        /// (`reflect`) or `shape[d]` (`symmetric`).
        public init(shape: [Int], before: [Int], after: [Int], mode: Mode) {
            precondition(before.count == shape.count && after.count == shape.count, "MirrorPad: pads do not match rank")
            let offset = mode == .reflect ? 0 : 1
            var sources: [[Int]] = []
            for axis in shape.indices {
                let n = shape[axis], b = before[axis], a = after[axis]
                precondition(b >= 0 && a >= 0 && b <= n - 1 + offset && a <= n - 1 + offset, "MirrorPad: pad too large")
                sources.append((0..<(b + n + a)).map { o in
                    let i = o - b
                    if i < 0 { return -i - offset }
                    if i >= n { return 2 * n - 2 + offset - i }
                    return i
                })
            }
            self.shape = shape
            self.outputShape = sources.map(\.count)
            self.sources = sources
            inputStrides = StridedGather.contiguousStrides(shape)
            innerBefore = before.last ?? 0
            innerAfter = after.last ?? 0
        }
    }

    /// Writes the padded array. `output` must not overlap `input`.
    public static func apply(input: UnsafeRawPointer, layout: Layout, elementSize: Int, output: UnsafeMutableRawPointer) {
        let rank = layout.shape.count
        guard !layout.outputShape.contains(0) else { return }
        guard rank > 0 else {
            memcpy(output, input, elementSize)
            return
        }
        let inner = rank - 1
        let width = layout.shape[inner]
        let outputWidth = layout.outputShape[inner]
        let innerSources = layout.sources[inner]
        let inputStrides = layout.inputStrides
        let rowCount = layout.outputShape[..<inner].reduce(1, *)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(inner, 1)) { index in
            index.initialize(repeating: 0)
            var destination = output
            for _ in 0..<rowCount {
                var sourceRow = 0
                for axis in 0..<inner { sourceRow += layout.sources[axis][index[axis]] * inputStrides[axis] }
                let source = input + sourceRow * elementSize
                for o in 0..<layout.innerBefore {
                    memcpy(destination + o * elementSize, source + innerSources[o] * elementSize, elementSize)
                }
                memcpy(destination + layout.innerBefore * elementSize, source, width * elementSize)
                for o in (layout.innerBefore + width)..<outputWidth {
                    memcpy(destination + o * elementSize, source + innerSources[o] * elementSize, elementSize)
                }
                destination += outputWidth * elementSize
                var axis = inner - 1
                while axis >= 0 {
                    index[axis] += 1
                    if index[axis] < layout.outputShape[axis] { break }
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}
