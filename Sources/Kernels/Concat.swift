import Foundation

/// Concatenation of dense row-major arrays of any element type along one axis.
public enum Concat {
    /// Concatenates `inputs` (shapes `shapes`, equal except along `axis`) along `axis` (already normalised to
    /// `0 ..< rank`) into `output`, which must not overlap any input.
    public static func apply(inputs: [UnsafeRawPointer], shapes: [[Int]], axis: Int, elementSize: Int,
                             output: UnsafeMutableRawPointer) {
        precondition(inputs.count == shapes.count, "Concat: \(inputs.count) inputs but \(shapes.count) shapes")
        guard let first = shapes.first else { return }
        precondition(axis >= 0 && axis < first.count, "Concat: axis \(axis) out of range for rank \(first.count)")
        let outer = first[..<axis].reduce(1, *)
        var chunkBytes: [Int] = []
        var outputRowBytes = 0
        for shape in shapes {
            precondition(shape.count == first.count, "Concat: rank mismatch \(shape) vs \(first)")
            let bytes = shape[axis...].reduce(1, *) * elementSize
            chunkBytes.append(bytes)
            outputRowBytes += bytes
        }
        guard outer > 0, outputRowBytes > 0 else { return }
        var columnOffset = 0
        for (input, bytes) in zip(inputs, chunkBytes) {
            if bytes > 0 {
                for row in 0..<outer {
                    memcpy(output + row * outputRowBytes + columnOffset, input + row * bytes, bytes)
                }
            }
            columnOffset += bytes
        }
    }
}
