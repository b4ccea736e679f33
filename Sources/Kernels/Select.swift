/// Elementwise choice between two tensors by a bool condition, with NumPy broadcasting of all three.
public enum Select {
    /// `output[i] = condition[i] != 0 ? whenTrue[i] : whenFalse[i]` over broadcast indices, for elements of
    /// `elementBytes` bytes (1, 2, 4 or 8: the choice copies bits). Shapes share the output's rank (the caller
    /// left-pads with 1s).
    public static func apply(condition: UnsafePointer<UInt8>, conditionShape: [Int],
                             whenTrue: UnsafeRawPointer, whenTrueShape: [Int],
                             whenFalse: UnsafeRawPointer, whenFalseShape: [Int],
                             output: UnsafeMutableRawPointer, outputShape: [Int], elementBytes: Int) {
        let rows = BroadcastRows(conditionShape, whenTrueShape, whenFalseShape, output: outputShape)
        switch elementBytes {
        case 1: SelectLoop<UInt8>.run(condition, whenTrue, whenFalse, output, rows)
        case 2: SelectLoop<UInt16>.run(condition, whenTrue, whenFalse, output, rows)
        case 4: SelectLoop<UInt32>.run(condition, whenTrue, whenFalse, output, rows)
        default: SelectLoop<UInt64>.run(condition, whenTrue, whenFalse, output, rows)
        }
    }
}

/// The selection loop for one element width.
enum SelectLoop<T: FixedWidthInteger> {
    static func run(_ condition: UnsafePointer<UInt8>, _ whenTrue: UnsafeRawPointer, _ whenFalse: UnsafeRawPointer,
                    _ output: UnsafeMutableRawPointer, _ rows: BroadcastRows) {
        let t = whenTrue.assumingMemoryBound(to: T.self)
        let e = whenFalse.assumingMemoryBound(to: T.self)
        let o = output.assumingMemoryBound(to: T.self)
        rows.forEach { offsets, inner, outputOffset, width in
            let c = condition + offsets.0, x = t + offsets.1, y = e + offsets.2, out = o + outputOffset
            if inner == (1, 1, 1) {
                for i in 0..<width { out[i] = c[i] != 0 ? x[i] : y[i] }
            } else if inner.0 == 0 {
                // One condition for the whole row: a copy (or a fill) of one side.
                let (source, stride) = c[0] != 0 ? (x, inner.1) : (y, inner.2)
                if stride == 1 { out.update(from: source, count: width) } else { out.update(repeating: source[0], count: width) }
            } else {
                for i in 0..<width { out[i] = c[i] != 0 ? x[i &* inner.1] : y[i &* inner.2] }
            }
        }
    }
}
