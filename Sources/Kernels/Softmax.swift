import Foundation

/// Numerically stable softmax over the last axis.
public enum Softmax {
    /// For each of `rows` rows of `columns` values: `output = exp(x - max(x)) / sum(exp(x - max(x)))`.
    /// `output` may equal `input`.
    public static func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        guard rows > 0, columns > 0 else { return }
        for r in 0..<rows {
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
