import Foundation

/// Numerically stable softmax over the last axis.
public enum Softmax {
    /// For each of `rows` rows of `columns` values: `output = exp(x - max(x)) / sum(exp(x - max(x)))`.
    /// `output` may equal `input`.
    public static func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        applyRows(0..<rows, input: input, output: output, columns: columns)
    }

    /// The softmax of ``apply(input:output:rows:columns:)``, the rows split into ranges fixed by the shape and run
    /// on `context`'s workers (each row is computed alone, so the bits never depend on the split).
    public static func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, rows: Int, columns: Int,
                             context: ComputeContext) {
        guard rows > 0, columns > 0 else { return }
        // An exponential per element: a quarter of a copy's grain.
        let grain = Swift.max(1, ComputeContext.elementwiseGrain / 4 / columns)
        let pointers = UncheckedSendable((input: input, output: output))
        context.forEachRange(rows, grain: grain) { range in
            applyRows(range, input: pointers.value.input, output: pointers.value.output, columns: columns)
        }
    }

    private static func applyRows(_ rows: Range<Int>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                                  columns: Int) {
        guard columns > 0 else { return }
        for r in rows {
            let source = input + r * columns
            let destination = output + r * columns
            var maximum = source[0]
            for c in 1..<columns where source[c] > maximum { maximum = source[c] }
            var sum: Float = 0
            for c in 0..<columns {
                let e = Foundation.exp(source[c] - maximum)
                destination[c] = e
                sum += e
            }
            let reciprocal = 1 / sum
            for c in 0..<columns { destination[c] *= reciprocal }
        }
    }
}
