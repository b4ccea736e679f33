import Foundation

/// Constant padding of a dense row-major array of any element type.
public enum Pad {
    /// `output` has shape `before[d] + shape[d] + after[d]`; the input lands at offset `before`, every other cell is `fill`.
    ///
    /// Pads must be non-negative; `fill` points at one element; `output` must not overlap `input`.
    public static func apply(input: UnsafeRawPointer, shape: [Int], before: [Int], after: [Int], elementSize: Int,
                             fill: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
        let rank = shape.count
        precondition(before.count == rank && after.count == rank, "Pad: pads \(before) \(after) do not match rank of \(shape)")
        var outputShape = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            precondition(before[axis] >= 0 && after[axis] >= 0 && shape[axis] >= 0, "Pad: negative size or pad")
            outputShape[axis] = before[axis] + shape[axis] + after[axis]
        }
        let outputCount = outputShape.reduce(1, *)
        guard outputCount > 0 else { return }
        ElementCopy.fill(output, count: outputCount, elementSize: elementSize, value: fill)
        if shape.contains(0) { return }
        guard rank > 0 else {
            memcpy(output, input, elementSize)
            return
        }
        let outputStrides = StridedGather.contiguousStrides(outputShape)
        var base = 0
        for axis in 0..<rank { base += before[axis] * outputStrides[axis] }
        let inner = rank - 1
        let rowBytes = shape[inner] * elementSize
        var index = [Int](repeating: 0, count: inner)
        var offset = base
        var source = input
        while true {
            memcpy(output + offset * elementSize, source, rowBytes)
            source += rowBytes
            if inner == 0 { return }
            var axis = inner - 1
            while true {
                index[axis] += 1
                offset += outputStrides[axis]
                if index[axis] < shape[axis] { break }
                offset -= outputStrides[axis] * shape[axis]
                index[axis] = 0
                if axis == 0 { return }
                axis -= 1
            }
        }
    }
}
