/// A binary element operation the broadcasting loops are specialised over (one zero-size type per
/// `BinaryFunction` case, so the optimiser inlines the operation into vectorisable loops).
protocol ElementwiseOperation {
    /// Combines one lhs and one rhs element.
    static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T
}

/// `lhs + rhs`.
enum AddOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T { T.kernelSum(lhs, rhs) }
}

/// `lhs - rhs`.
enum SubtractOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T { T.kernelDifference(lhs, rhs) }
}

/// `lhs * rhs`.
enum MultiplyOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T { T.kernelProduct(lhs, rhs) }
}

/// `lhs / rhs`.
enum DivideOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T { T.kernelQuotient(lhs, rhs) }
}

/// `max(lhs, rhs)`.
enum MaximumOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T { lhs > rhs ? lhs : rhs }
}

/// `min(lhs, rhs)`.
enum MinimumOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T { lhs < rhs ? lhs : rhs }
}

/// `(lhs - rhs)²`.
enum SquaredDifferenceOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T {
        let difference = T.kernelDifference(lhs, rhs)
        return T.kernelProduct(difference, difference)
    }
}

/// `lhs` to the power `rhs`.
enum PowerOperation: ElementwiseOperation {
    @inline(__always) static func combine<T: KernelScalar>(_ lhs: T, _ rhs: T) -> T { T.kernelPower(lhs, rhs) }
}
