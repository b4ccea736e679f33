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

    /// The shapes and pads of a mirror padding; computed once while planning.
    public struct Layout: Sendable, Equatable {
        /// The input shape.
        public let shape: [Int]
        /// The output shape.
        public let outputShape: [Int]
        /// Pads before and after, per axis.
        public let before: [Int], after: [Int]
        /// 0 for `reflect`, 1 for `symmetric`: how far the mirror is shifted outwards.
        public let shift: Int
        /// Row-major element strides of the input.
        public let inputStrides: [Int]

        /// The layout for `before`/`after` pads of an input of `shape`; pads must be at most `shape[d] - 1`
        /// (`reflect`) or `shape[d]` (`symmetric`).
        public init(shape: [Int], before: [Int], after: [Int], mode: Mode) {
            precondition(before.count == shape.count && after.count == shape.count, "MirrorPad: pads do not match rank")
            shift = mode == .reflect ? 0 : 1
            for axis in shape.indices {
                let n = shape[axis], b = before[axis], a = after[axis]
                precondition(b >= 0 && a >= 0 && b <= n - 1 + shift && a <= n - 1 + shift, "MirrorPad: pad too large")
            }
            self.shape = shape
            self.before = before
            self.after = after
            outputShape = shape.indices.map { before[$0] + shape[$0] + after[$0] }
            inputStrides = StridedGather.contiguousStrides(shape)
        }

        /// The input index along `axis` that output index `o` copies.
        @inline(__always)
        public func source(_ o: Int, axis: Int) -> Int {
            let i = o - before[axis], n = shape[axis]
            if i < 0 { return -i - shift }
            if i >= n { return 2 * n - 2 + shift - i }
            return i
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
        let innerBefore = layout.before[inner]
        let rowCount = layout.outputShape[..<inner].reduce(1, *)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(inner, 1)) { index in
            index.initialize(repeating: 0)
            var destination = output
            for _ in 0..<rowCount {
                var sourceRow = 0
                for axis in 0..<inner { sourceRow += layout.source(index[axis], axis: axis) * layout.inputStrides[axis] }
                let source = input + sourceRow * elementSize
                for o in 0..<innerBefore {
                    memcpy(destination + o * elementSize, source + layout.source(o, axis: inner) * elementSize, elementSize)
                }
                memcpy(destination + innerBefore * elementSize, source, width * elementSize)
                for o in (innerBefore + width)..<outputWidth {
                    memcpy(destination + o * elementSize, source + layout.source(o, axis: inner) * elementSize, elementSize)
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
