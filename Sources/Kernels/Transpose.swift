/// Axis permutation of a dense row-major array of any element type.
public enum Transpose {
    /// `output` has shape `shape[permutation[j]]` and `output[..., i_j, ...] = input[... at axis permutation[j] = i_j ...]`
    /// (TensorFlow/NumPy `transpose(input, permutation)`). `permutation` must be a permutation of `0 ..< shape.count`;
    /// `output` must not overlap `input`.
    public static func apply(input: UnsafeRawPointer, shape: [Int], permutation: [Int], elementSize: Int,
                             output: UnsafeMutableRawPointer) {
        precondition(permutation.count == shape.count, "Transpose: permutation \(permutation) does not match rank of \(shape)")
        let inputStrides = StridedGather.contiguousStrides(shape)
        var outputShape: [Int] = []
        var gatherStrides: [Int] = []
        var seen = [Bool](repeating: false, count: shape.count)
        for axis in permutation {
            precondition(axis >= 0 && axis < shape.count && !seen[axis], "Transpose: \(permutation) is not a permutation")
            seen[axis] = true
            outputShape.append(shape[axis])
            gatherStrides.append(inputStrides[axis])
        }
        StridedGather.run(input: input, baseOffset: 0, strides: gatherStrides, shape: outputShape,
                          elementSize: elementSize, output: output)
    }
}
