/// Strided gather (the data movement of StridedSlice / Slice / Reverse).
public enum StridedCopy {
    /// `output[i0, i1, ...] = input[begin[0] + i0*stride[0], begin[1] + i1*stride[1], ...]` for `i_d < outputShape[d]`.
    ///
    /// Strides may be negative (reversal) or 0. Every touched index must be inside `shape` (see `validate`);
    /// `output` must not overlap `input`.
    public static func apply(input: UnsafeRawPointer, shape: [Int], begin: [Int], stride: [Int], outputShape: [Int],
                             elementSize: Int, output: UnsafeMutableRawPointer) {
        let rank = shape.count
        precondition(begin.count == rank && stride.count == rank && outputShape.count == rank,
                     "StridedCopy: ranks differ: shape \(shape) begin \(begin) stride \(stride) output \(outputShape)")
        let inputStrides = StridedGather.contiguousStrides(shape)
        var base = 0
        var gatherStrides = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            base += begin[axis] * inputStrides[axis]
            gatherStrides[axis] = stride[axis] * inputStrides[axis]
        }
        StridedGather.run(input: input, baseOffset: base, strides: gatherStrides, shape: outputShape,
                          elementSize: elementSize, output: output)
    }

    /// Checks that every index the copy touches lies inside `shape` and that the ranks agree.
    public static func validate(shape: [Int], begin: [Int], stride: [Int], outputShape: [Int]) throws(KernelError) {
        let rank = shape.count
        guard begin.count == rank, stride.count == rank, outputShape.count == rank else {
            throw KernelError.shapeMismatch(kernel: "StridedCopy",
                                            detail: "ranks differ: shape \(shape) begin \(begin) stride \(stride) output \(outputShape)")
        }
        _ = try CheckedSize.product(shape, kernel: "StridedCopy", quantity: "input element count")
        _ = try CheckedSize.product(outputShape, kernel: "StridedCopy", quantity: "output element count")
        if outputShape.contains(0) { return }
        for axis in 0..<rank {
            let first = begin[axis]
            let (span, spanOverflow) = (outputShape[axis] - 1).multipliedReportingOverflow(by: stride[axis])
            let (last, lastOverflow) = first.addingReportingOverflow(span)
            if spanOverflow || lastOverflow || first < 0 || first >= shape[axis] || last < 0 || last >= shape[axis] {
                throw KernelError.invalidValue(kernel: "StridedCopy", field: "begin[\(axis)]", value: first,
                                               requirement: "such that all \(outputShape[axis]) indices with stride \(stride[axis]) lie in 0..<\(shape[axis])")
            }
        }
    }
}
