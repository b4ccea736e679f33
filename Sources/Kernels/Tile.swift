/// Repetition of a dense row-major array of any element type along each axis (TensorFlow's `Tile`).
public enum Tile {
    /// `output` has shape `shape[d] * multiples[d]` and `output[..., k * shape[d] + i, ...] = input[..., i, ...]`.
    /// Multiples must be non-negative; `output` must not overlap `input`.
    public static func apply(input: UnsafeRawPointer, shape: [Int], multiples: [Int], elementSize: Int,
                             output: UnsafeMutableRawPointer) {
        precondition(multiples.count == shape.count, "Tile: multiples \(multiples) do not match rank of \(shape)")
        // The output viewed as [m0, n0, m1, n1, ...]: each repetition axis has stride 0 in the input.
        let inputStrides = StridedGather.contiguousStrides(shape)
        var gatherShape: [Int] = []
        var gatherStrides: [Int] = []
        for axis in shape.indices {
            gatherShape += [multiples[axis], shape[axis]]
            gatherStrides += [0, inputStrides[axis]]
        }
        StridedGather.run(input: input, baseOffset: 0, strides: gatherStrides, shape: gatherShape,
                          elementSize: elementSize, output: output)
    }
}
