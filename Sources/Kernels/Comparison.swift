/// An elementwise comparison whose result is a bool (one byte, 0 or 1).
public enum ComparisonFunction: Sendable, Hashable {
    /// `lhs == rhs` (NaN equals nothing).
    case equal
    /// `lhs != rhs` (true when either is NaN).
    case notEqual
    /// `lhs < rhs`.
    case less
    /// `lhs <= rhs`.
    case lessEqual
    /// `lhs > rhs`.
    case greater
    /// `lhs >= rhs`.
    case greaterEqual
}

/// Elementwise comparisons with NumPy broadcasting, writing bools as bytes.
public enum Comparison {
    /// `output = f(lhs, rhs)` as 0/1 bytes. The three shapes have the same rank (the caller left-pads with 1s);
    /// each operand dimension is 1 or the output's.
    public static func apply<T: Comparable>(_ f: ComparisonFunction, lhs: UnsafePointer<T>, lhsShape: [Int],
                                            rhs: UnsafePointer<T>, rhsShape: [Int],
                                            output: UnsafeMutablePointer<UInt8>, outputShape: [Int]) {
        let rows = BroadcastRows(lhsShape, rhsShape, outputShape, output: outputShape)
        let l = UnsafeRawPointer(lhs), r = UnsafeRawPointer(rhs)
        // Concrete element types get specialised loops (see `Binary.apply`).
        if T.self == Float.self {
            dispatch(f, Float.self, l, r, output, rows)
        } else if T.self == Double.self {
            dispatch(f, Double.self, l, r, output, rows)
        } else if T.self == Int32.self {
            dispatch(f, Int32.self, l, r, output, rows)
        } else if T.self == Int64.self {
            dispatch(f, Int64.self, l, r, output, rows)
        } else if T.self == UInt8.self {
            dispatch(f, UInt8.self, l, r, output, rows)
        } else {
            dispatch(f, T.self, l, r, output, rows)
        }
    }

    private static func dispatch<U: Comparable>(_ f: ComparisonFunction, _: U.Type, _ lhs: UnsafeRawPointer,
                                                _ rhs: UnsafeRawPointer, _ output: UnsafeMutablePointer<UInt8>,
                                                _ rows: BroadcastRows) {
        let l = lhs.assumingMemoryBound(to: U.self), r = rhs.assumingMemoryBound(to: U.self)
        switch f {
        case .equal: ComparisonLoop<U, EqualTest>.run(l, r, output, rows)
        case .notEqual: ComparisonLoop<U, NotEqualTest>.run(l, r, output, rows)
        case .less: ComparisonLoop<U, LessTest>.run(l, r, output, rows)
        case .lessEqual: ComparisonLoop<U, LessEqualTest>.run(l, r, output, rows)
        case .greater: ComparisonLoop<U, LessTest>.run(r, l, output, rows, swapped: true)
        case .greaterEqual: ComparisonLoop<U, LessEqualTest>.run(r, l, output, rows, swapped: true)
        }
    }
}

/// One comparison, specialised into the loops.
protocol ComparisonTest {
    static func test<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool
}

enum EqualTest: ComparisonTest {
    @inline(__always) static func test<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool { lhs == rhs }
}

enum NotEqualTest: ComparisonTest {
    @inline(__always) static func test<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool { lhs != rhs }
}

enum LessTest: ComparisonTest {
    @inline(__always) static func test<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool { lhs < rhs }
}

enum LessEqualTest: ComparisonTest {
    @inline(__always) static func test<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool { lhs <= rhs }
}

/// The broadcasting loop of one element type and test. With `swapped`, `a` is the right operand and `b` the
/// left one (a > b is b < a), so the rows' operand offsets are exchanged.
enum ComparisonLoop<T: Comparable, Test: ComparisonTest> {
    static func run(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ output: UnsafeMutablePointer<UInt8>,
                    _ rows: BroadcastRows, swapped: Bool = false) {
        rows.forEach { offsets, inner, outputOffset, width in
            let (aOffset, aStride) = swapped ? (offsets.1, inner.1) : (offsets.0, inner.0)
            let (bOffset, bStride) = swapped ? (offsets.0, inner.0) : (offsets.1, inner.1)
            row(a + aOffset, aStride, b + bOffset, bStride, output + outputOffset, width)
        }
    }

    @inline(__always)
    static func row(_ a: UnsafePointer<T>, _ aStride: Int, _ b: UnsafePointer<T>, _ bStride: Int,
                    _ output: UnsafeMutablePointer<UInt8>, _ count: Int) {
        switch (aStride, bStride) {
        case (1, 1):
            for i in 0..<count { output[i] = Test.test(a[i], b[i]) ? 1 : 0 }
        case (1, _):
            let y = b[0]
            for i in 0..<count { output[i] = Test.test(a[i], y) ? 1 : 0 }
        case (_, 1):
            let x = a[0]
            for i in 0..<count { output[i] = Test.test(x, b[i]) ? 1 : 0 }
        default:
            output.update(repeating: Test.test(a[0], b[0]) ? 1 : 0, count: count)
        }
    }
}
