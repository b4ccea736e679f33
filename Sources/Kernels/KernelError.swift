/// Why a kernel refused a geometry or shape set at plan time.
///
/// Kernels themselves never validate inside `run` (that is the hot path); planners call the `validate()`
/// methods once while building a plan and surface these errors with the node name attached.
public enum KernelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A size field is out of its allowed range (negative, zero where a positive value is required, ...).
    case invalidValue(kernel: String, field: String, value: Int, requirement: String)
    /// Multiplying the sizes of a tensor or buffer overflows `Int`.
    case sizeOverflow(kernel: String, quantity: String)
    /// Two shapes that must agree do not.
    case shapeMismatch(kernel: String, detail: String)

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .invalidValue(let kernel, let field, let value, let requirement):
            return "\(kernel): \(field) = \(value), but it must be \(requirement)"
        case .sizeOverflow(let kernel, let quantity):
            return "\(kernel): \(quantity) overflows Int"
        case .shapeMismatch(let kernel, let detail):
            return "\(kernel): \(detail)"
        }
    }
}

/// Overflow-checked products used by the `validate()` methods.
enum CheckedSize {
    /// The product of `factors`, or `nil` when it overflows `Int` or a factor is negative.
    static func product(_ factors: [Int]) -> Int? {
        var result = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (value, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = value
        }
        return result
    }

    /// The product of `factors`, throwing `sizeOverflow` naming `quantity` when it does not fit.
    static func product(_ factors: [Int], kernel: String, quantity: String) throws(KernelError) -> Int {
        guard let value = product(factors) else {
            throw KernelError.sizeOverflow(kernel: kernel, quantity: quantity)
        }
        return value
    }
}
