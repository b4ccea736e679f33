/// An elementwise function of two operands.
public enum BinaryFunction: Sendable, Hashable {
    /// `lhs + rhs`.
    case add
    /// `lhs - rhs`.
    case sub
    /// `lhs * rhs`.
    case mul
    /// `lhs / rhs` (truncating, 0 for a zero divisor, for integers).
    case div
    /// `max(lhs, rhs)`.
    case maximum
    /// `min(lhs, rhs)`.
    case minimum
    /// `(lhs - rhs)²` (wrapping for integers).
    case squaredDifference
    /// `lhs` to the power `rhs` (`powf` for floats; by squaring, wrapping, for integers, where a negative
    /// exponent gives 0 except for bases 1 and -1).
    case pow
}

/// Elementwise binary operations with NumPy broadcasting.
public enum Binary {
    /// `output = f(lhs, rhs)` with NumPy broadcasting.
    ///
    /// All three shapes have the SAME rank (the caller left-pads with 1s); each lhs/rhs dim is 1 or the output
    /// dim. Adjacent dimensions with the same broadcast pattern are merged first, so equal shapes, a scalar
    /// operand and a per-last-axis (bias-like) operand all become one or two flat, vectorisable loops.
    /// `output` may equal `lhs` or `rhs` when that operand has the output's shape.
    public static func apply<T: KernelScalar>(_ f: BinaryFunction, lhs: UnsafePointer<T>, lhsShape: [Int],
                                              rhs: UnsafePointer<T>, rhsShape: [Int],
                                              output: UnsafeMutablePointer<T>, outputShape: [Int]) {
        precondition(lhsShape.count == outputShape.count && rhsShape.count == outputShape.count,
                     "Binary: ranks differ: \(lhsShape) \(rhsShape) -> \(outputShape)")
        // Route the supported element types to fully specialised code: a generic body reached through `T`
        // would run through witness tables (and is never specialised across the module boundary).
        let l = UnsafeRawPointer(lhs)
        let r = UnsafeRawPointer(rhs)
        let o = UnsafeMutableRawPointer(output)
        if T.self == Float.self {
            dispatch(f, Float.self, l, lhsShape, r, rhsShape, o, outputShape)
        } else if T.self == Double.self {
            dispatch(f, Double.self, l, lhsShape, r, rhsShape, o, outputShape)
        } else if T.self == Int32.self {
            dispatch(f, Int32.self, l, lhsShape, r, rhsShape, o, outputShape)
        } else if T.self == Int64.self {
            dispatch(f, Int64.self, l, lhsShape, r, rhsShape, o, outputShape)
        } else {
            dispatch(f, T.self, l, lhsShape, r, rhsShape, o, outputShape)
        }
    }

    /// The broadcast result shape of two shapes (NumPy rules, right-aligned), or an error naming both shapes.
    public static func broadcastShape(_ lhsShape: [Int], _ rhsShape: [Int]) throws(KernelError) -> [Int] {
        let rank = Swift.max(lhsShape.count, rhsShape.count)
        let lhs = Array(repeating: 1, count: rank - lhsShape.count) + lhsShape
        let rhs = Array(repeating: 1, count: rank - rhsShape.count) + rhsShape
        var result: [Int] = []
        result.reserveCapacity(rank)
        for axis in 0..<rank {
            let l = lhs[axis]
            let r = rhs[axis]
            if l < 0 || r < 0 {
                throw KernelError.shapeMismatch(kernel: "Binary", detail: "negative dimension in \(lhsShape) or \(rhsShape)")
            }
            if l == r || r == 1 {
                result.append(l)
            } else if l == 1 {
                result.append(r)
            } else {
                throw KernelError.shapeMismatch(kernel: "Binary",
                                                detail: "shapes \(lhsShape) and \(rhsShape) do not broadcast (axis \(axis): \(l) vs \(r))")
            }
        }
        _ = try CheckedSize.product(result, kernel: "Binary", quantity: "output element count")
        return result
    }

    /// Views the raw pointers as `U` and selects the operation type.
    private static func dispatch<U: KernelScalar>(
        _ f: BinaryFunction, _: U.Type, _ lhs: UnsafeRawPointer, _ lhsShape: [Int], _ rhs: UnsafeRawPointer,
        _ rhsShape: [Int], _ output: UnsafeMutableRawPointer, _ outputShape: [Int]
    ) {
        let l = lhs.assumingMemoryBound(to: U.self)
        let r = rhs.assumingMemoryBound(to: U.self)
        let o = output.assumingMemoryBound(to: U.self)
        switch f {
        case .add: BroadcastLoop<U, AddOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        case .sub: BroadcastLoop<U, SubtractOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        case .mul: BroadcastLoop<U, MultiplyOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        case .div: BroadcastLoop<U, DivideOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        case .maximum: BroadcastLoop<U, MaximumOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        case .minimum: BroadcastLoop<U, MinimumOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        case .squaredDifference: BroadcastLoop<U, SquaredDifferenceOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        case .pow: BroadcastLoop<U, PowerOperation>.run(l, lhsShape, r, rhsShape, o, outputShape)
        }
    }
}

/// The broadcasting loop nest for one element type and operation.
enum BroadcastLoop<T: KernelScalar, Operation: ElementwiseOperation> {
    static func run(_ lhs: UnsafePointer<T>, _ lhsShape: [Int], _ rhs: UnsafePointer<T>, _ rhsShape: [Int],
                    _ output: UnsafeMutablePointer<T>, _ outputShape: [Int]) {
        // Coalesce: drop unit output dims, merge neighbours whose (lhs broadcast, rhs broadcast) pattern matches.
        var dims: [Int] = []
        var lhsBroadcast: [Bool] = []
        var rhsBroadcast: [Bool] = []
        for axis in 0..<outputShape.count {
            let size = outputShape[axis]
            if size == 0 { return }
            precondition(lhsShape[axis] == size || lhsShape[axis] == 1, "Binary: lhs \(lhsShape) does not broadcast to \(outputShape)")
            precondition(rhsShape[axis] == size || rhsShape[axis] == 1, "Binary: rhs \(rhsShape) does not broadcast to \(outputShape)")
            if size == 1 { continue }
            let l = lhsShape[axis] == 1
            let r = rhsShape[axis] == 1
            if let last = dims.indices.last, lhsBroadcast[last] == l, rhsBroadcast[last] == r {
                dims[last] *= size
            } else {
                dims.append(size)
                lhsBroadcast.append(l)
                rhsBroadcast.append(r)
            }
        }
        guard let inner = dims.indices.last else {
            output[0] = Operation.combine(lhs[0], rhs[0])
            return
        }
        let width = dims[inner]
        let lhsInnerStride = lhsBroadcast[inner] ? 0 : 1
        let rhsInnerStride = rhsBroadcast[inner] ? 0 : 1
        if inner == 0 {
            row(lhs, lhsInnerStride, rhs, rhsInnerStride, output, width)
            return
        }
        // Element strides of each operand per coalesced dim (0 where it broadcasts).
        var lhsStrides = [Int](repeating: 0, count: dims.count)
        var rhsStrides = [Int](repeating: 0, count: dims.count)
        var lhsExtent = 1
        var rhsExtent = 1
        for axis in stride(from: dims.count - 1, through: 0, by: -1) {
            if !lhsBroadcast[axis] { lhsStrides[axis] = lhsExtent; lhsExtent *= dims[axis] }
            if !rhsBroadcast[axis] { rhsStrides[axis] = rhsExtent; rhsExtent *= dims[axis] }
        }
        var index = [Int](repeating: 0, count: inner)
        var lhsOffset = 0
        var rhsOffset = 0
        var destination = output
        while true {
            row(lhs + lhsOffset, lhsInnerStride, rhs + rhsOffset, rhsInnerStride, destination, width)
            destination += width
            // Advance the odometer over the outer dims.
            var axis = inner - 1
            while true {
                index[axis] += 1
                lhsOffset += lhsStrides[axis]
                rhsOffset += rhsStrides[axis]
                if index[axis] < dims[axis] { break }
                lhsOffset -= lhsStrides[axis] * dims[axis]
                rhsOffset -= rhsStrides[axis] * dims[axis]
                index[axis] = 0
                if axis == 0 { return }
                axis -= 1
            }
        }
    }

    /// One innermost run; strides are 0 (broadcast) or 1, split into four loops the optimiser vectorises.
    @inline(__always)
    static func row(_ lhs: UnsafePointer<T>, _ lhsStride: Int, _ rhs: UnsafePointer<T>, _ rhsStride: Int,
                    _ output: UnsafeMutablePointer<T>, _ count: Int) {
        switch (lhsStride, rhsStride) {
        case (1, 1):
            for i in 0..<count { output[i] = Operation.combine(lhs[i], rhs[i]) }
        case (1, _):
            let r = rhs[0]
            for i in 0..<count { output[i] = Operation.combine(lhs[i], r) }
        case (_, 1):
            let l = lhs[0]
            for i in 0..<count { output[i] = Operation.combine(l, rhs[i]) }
        default:
            let value = Operation.combine(lhs[0], rhs[0])
            for i in 0..<count { output[i] = value }
        }
    }
}

extension Binary {
    /// A split of one broadcast binary operation into pieces along the output's leading non-unit axis, fixed by
    /// the shapes (never by the thread count), computed once when a plan is made. Each piece is the same
    /// operation on a slab of the output, so any number of workers gives the bits of one ``Binary/apply``.
    public struct Split: Sendable {
        /// One slab: element offsets into the operands and the output, and the three shapes of the slab.
        struct Piece: Sendable {
            let lhsOffset: Int, rhsOffset: Int, outputOffset: Int
            let lhsShape: [Int], rhsShape: [Int], outputShape: [Int]
        }
        let pieces: [Piece]

        /// Whether the operation is cut into more than one piece.
        public var isSplit: Bool { pieces.count > 1 }

        /// The split of `lhs op rhs` (shapes of the same rank, each axis 1 or the output's): one piece unless the
        /// output has at least twice ``ComputeContext/elementwiseGrain`` elements.
        public init(lhsShape: [Int], rhsShape: [Int], outputShape: [Int]) {
            let whole = Piece(lhsOffset: 0, rhsOffset: 0, outputOffset: 0, lhsShape: lhsShape, rhsShape: rhsShape,
                              outputShape: outputShape)
            let count = outputShape.reduce(1, *)
            guard lhsShape.count == outputShape.count, rhsShape.count == outputShape.count,
                  let axis = outputShape.firstIndex(where: { $0 > 1 }) else { pieces = [whole]; return }
            let size = outputShape[axis]
            let tasks = Swift.min(size, count / ComputeContext.elementwiseGrain, 1024)
            guard tasks > 1 else { pieces = [whole]; return }
            func stride(_ shape: [Int]) -> Int { shape[(axis + 1)...].reduce(1, *) }
            let outputStride = stride(outputShape), lhsStride = stride(lhsShape), rhsStride = stride(rhsShape)
            var list: [Piece] = []
            for task in 0..<tasks {
                let start = size * task / tasks, end = size * (task + 1) / tasks
                var l = lhsShape, r = rhsShape, o = outputShape
                o[axis] = end - start
                if l[axis] != 1 { l[axis] = end - start }
                if r[axis] != 1 { r[axis] = end - start }
                list.append(Piece(lhsOffset: lhsShape[axis] == 1 ? 0 : start * lhsStride,
                                  rhsOffset: rhsShape[axis] == 1 ? 0 : start * rhsStride,
                                  outputOffset: start * outputStride, lhsShape: l, rhsShape: r, outputShape: o))
            }
            pieces = list
        }

        /// `output = f(lhs, rhs)` with the split's shapes, its pieces run on `context`'s workers. `output` may
        /// equal an operand that has the output's shape.
        public func apply<T: KernelScalar>(_ f: BinaryFunction, lhs: UnsafePointer<T>, rhs: UnsafePointer<T>,
                                           output: UnsafeMutablePointer<T>, context: ComputeContext) {
            let pointers = UncheckedSendable((lhs: lhs, rhs: rhs, output: output))
            let pieces = pieces
            context.forEachTask(pieces.count) { task, _ in
                let piece = pieces[task], p = pointers.value
                Binary.apply(f, lhs: p.lhs + piece.lhsOffset, lhsShape: piece.lhsShape, rhs: p.rhs + piece.rhsOffset,
                             rhsShape: piece.rhsShape, output: p.output + piece.outputOffset, outputShape: piece.outputShape)
            }
        }
    }
}
