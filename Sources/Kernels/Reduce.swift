/// A reduction over some axes.
public enum ReduceFunction: Sendable, Hashable {
    /// Sum of the reduced elements (wrapping for integers).
    case sum
    /// Sum divided by the number of reduced elements (truncating for integers, NaN for an empty float reduction).
    case mean
    /// The largest reduced element (NaN if any is NaN; -inf or the type's minimum when none is reduced).
    case max
    /// The smallest reduced element (NaN if any is NaN; +inf or the type's maximum when none is reduced).
    case min
    /// The product of the reduced elements (wrapping for integers; 1 when none is reduced).
    case prod
}

/// Sum, mean, max, min and product reductions over an arbitrary set of axes, and the logical all/any of bools.
public enum Reduce {
    /// Reduces the axes whose flag is true; output has the kept dims in order (keep_dims handled by caller).
    ///
    /// The input is read once, linearly: adjacent axes with the same flag are merged, then each innermost run
    /// is either summed into one output element (reduced) or added elementwise into an output row (kept).
    /// Float inputs are accumulated in Double (a temporary buffer of the output's size) and rounded once, so
    /// long reductions (e.g. a global mean over a large image) stay far inside the 1e-5 budget.
    public static func apply<T: KernelScalar>(_ f: ReduceFunction, input: UnsafePointer<T>, shape: [Int],
                                              reduceAxes: [Bool], output: UnsafeMutablePointer<T>) {
        precondition(shape.count == reduceAxes.count, "Reduce: shape \(shape) and axis flags \(reduceAxes) differ in rank")
        // Concrete element types get fully specialised loops (see `Binary.apply`).
        let source = UnsafeRawPointer(input)
        let destination = UnsafeMutableRawPointer(output)
        if T.self == Float.self {
            FloatReduce.run(f, input: source.assumingMemoryBound(to: Float.self), shape: shape, reduceAxes: reduceAxes,
                            output: destination.assumingMemoryBound(to: Float.self))
        } else if T.self == Double.self {
            ReduceLoop<Double>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination,
                                   lowest: -.infinity, highest: .infinity)
        } else if T.self == Int32.self {
            ReduceLoop<Int32>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination,
                                  lowest: .min, highest: .max)
        } else if T.self == Int64.self {
            ReduceLoop<Int64>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination,
                                  lowest: .min, highest: .max)
        } else {
            preconditionFailure("Reduce: unsupported element type \(T.self)")
        }
    }

    /// The logical `all` (or, with `all` false, `any`) of bools (bytes, nonzero is true) over the flagged axes.
    public static func applyLogical(all: Bool, input: UnsafePointer<UInt8>, shape: [Int], reduceAxes: [Bool],
                                    output: UnsafeMutablePointer<UInt8>) {
        precondition(shape.count == reduceAxes.count, "Reduce: shape \(shape) and axis flags \(reduceAxes) differ in rank")
        let outputCount = shape.indices.reduce(1) { reduceAxes[$1] ? $0 : $0 * shape[$1] }
        guard outputCount > 0 else { return }
        output.update(repeating: all ? 1 : 0, count: outputCount)
        guard shape.allSatisfy({ $0 > 0 }) else { return }
        if all {
            ReduceAccumulation<UInt8, UInt8>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: output,
                                                 identity: 1, { $0 != 0 ? 1 : 0 }) { $0 & $1 }
        } else {
            ReduceAccumulation<UInt8, UInt8>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: output,
                                                 identity: 0, { $0 != 0 ? 1 : 0 }) { $0 | $1 }
        }
    }
}

/// `Comparable` max and min that propagate NaN (a value unequal to itself).
@inline(__always) private func propagatingMax<T: Comparable>(_ a: T, _ b: T) -> T { (b > a || b != b) ? b : a }
@inline(__always) private func propagatingMin<T: Comparable>(_ a: T, _ b: T) -> T { (b < a || b != b) ? b : a }

/// The reduction of a non-Float element type, accumulated in the element type itself (exact for integers up to wrapping).
enum ReduceLoop<T: KernelScalar> {
    static func run(_ f: ReduceFunction, input rawInput: UnsafeRawPointer, shape: [Int],
                    reduceAxes: [Bool], output rawOutput: UnsafeMutableRawPointer, lowest: T, highest: T) {
        let input = rawInput.assumingMemoryBound(to: T.self)
        let output = rawOutput.assumingMemoryBound(to: T.self)
        var outputCount = 1
        var reducedCount = 1
        for axis in 0..<shape.count {
            precondition(shape[axis] >= 0, "Reduce: negative dimension in \(shape)")
            if reduceAxes[axis] { reducedCount *= shape[axis] } else { outputCount *= shape[axis] }
        }
        guard outputCount > 0 else { return }
        let identity: T = f == .max ? lowest : f == .min ? highest : f == .prod ? 1 : T.zero
        output.update(repeating: identity, count: outputCount)
        if reducedCount > 0 {
            switch f {
            case .sum, .mean:
                ReduceAccumulation<T, T>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: output,
                                             identity: identity, { $0 }, T.kernelSum)
            case .max:
                ReduceAccumulation<T, T>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: output,
                                             identity: identity, { $0 }, propagatingMax)
            case .min:
                ReduceAccumulation<T, T>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: output,
                                             identity: identity, { $0 }, propagatingMin)
            case .prod:
                ReduceAccumulation<T, T>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: output,
                                             identity: identity, { $0 }, T.kernelProduct)
            }
        }
        if f == .mean {
            let divisor = T.kernelCount(reducedCount)
            for i in 0..<outputCount { output[i] = T.kernelQuotient(output[i], divisor) }
        }
    }

}

/// Float reductions with Double accumulators (exact for max and min; sums and products rounded once).
enum FloatReduce {
    static func run(_ f: ReduceFunction, input: UnsafePointer<Float>, shape: [Int], reduceAxes: [Bool],
                    output: UnsafeMutablePointer<Float>) {
        var outputCount = 1
        var reducedCount = 1
        for axis in 0..<shape.count {
            precondition(shape[axis] >= 0, "Reduce: negative dimension in \(shape)")
            if reduceAxes[axis] { reducedCount *= shape[axis] } else { outputCount *= shape[axis] }
        }
        guard outputCount > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: outputCount) { buffer in
            guard let sums = buffer.baseAddress else { return }
            let identity: Double = f == .max ? -.infinity : f == .min ? .infinity : f == .prod ? 1 : 0
            sums.initialize(repeating: identity, count: outputCount)
            if reducedCount > 0 {
                switch f {
                case .sum, .mean:
                    ReduceAccumulation<Float, Double>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: sums,
                                                          identity: identity, { Double($0) }, +)
                case .max:
                    ReduceAccumulation<Float, Double>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: sums,
                                                          identity: identity, { Double($0) }, propagatingMax)
                case .min:
                    ReduceAccumulation<Float, Double>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: sums,
                                                          identity: identity, { Double($0) }, propagatingMin)
                case .prod:
                    ReduceAccumulation<Float, Double>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: sums,
                                                          identity: identity, { Double($0) }, *)
                }
            }
            if f == .mean {
                let divisor = Double(reducedCount)
                for i in 0..<outputCount { output[i] = Float(sums[i] / divisor) }
            } else {
                for i in 0..<outputCount { output[i] = Float(sums[i]) }
            }
            sums.deinitialize(count: outputCount)
        }
    }
}

/// Combines every input element (converted to the accumulator type) into its output slot.
enum ReduceAccumulation<Element, T> {
    /// `input` is non-empty and every `output` slot holds `identity`, the neutral value of `combine`.
    @inline(__always)
    static func run(input: UnsafePointer<Element>, shape: [Int], reduceAxes: [Bool], output: UnsafeMutablePointer<T>,
                    identity: T, _ convert: (Element) -> T, _ combine: (T, T) -> T) {
        var dims: [Int] = []
        var reduced: [Bool] = []
        for axis in 0..<shape.count where shape[axis] != 1 {
            if let last = dims.indices.last, reduced[last] == reduceAxes[axis] {
                dims[last] *= shape[axis]
            } else {
                dims.append(shape[axis])
                reduced.append(reduceAxes[axis])
            }
        }
        guard let inner = dims.indices.last else {
            output[0] = combine(identity, convert(input[0]))
            return
        }
        let width = dims[inner]
        let innerReduced = reduced[inner]
        var outputStrides = [Int](repeating: 0, count: dims.count)
        var extent = 1
        for axis in stride(from: dims.count - 1, through: 0, by: -1) where !reduced[axis] {
            outputStrides[axis] = extent
            extent *= dims[axis]
        }
        var index = [Int](repeating: 0, count: inner)
        var source = input
        var outputOffset = 0
        while true {
            if innerReduced {
                output[outputOffset] = combine(output[outputOffset], rowReduce(source, width, identity, convert, combine))
            } else {
                let destination = output + outputOffset
                for i in 0..<width { destination[i] = combine(destination[i], convert(source[i])) }
            }
            source += width
            if inner == 0 { return }
            var axis = inner - 1
            while true {
                index[axis] += 1
                outputOffset += outputStrides[axis]
                if index[axis] < dims[axis] { break }
                outputOffset -= outputStrides[axis] * dims[axis]
                index[axis] = 0
                if axis == 0 { return }
                axis -= 1
            }
        }
    }

    /// `count` contiguous values combined with four interleaved accumulators (vectorises, and keeps float
    /// rounding error lower than one running sum).
    @inline(__always)
    private static func rowReduce(_ values: UnsafePointer<Element>, _ count: Int, _ identity: T,
                                  _ convert: (Element) -> T, _ combine: (T, T) -> T) -> T {
        var a = identity, b = identity, c = identity, d = identity
        var i = 0
        while i + 4 <= count {
            a = combine(a, convert(values[i]))
            b = combine(b, convert(values[i + 1]))
            c = combine(c, convert(values[i + 2]))
            d = combine(d, convert(values[i + 3]))
            i += 4
        }
        while i < count {
            a = combine(a, convert(values[i]))
            i += 1
        }
        return combine(combine(a, b), combine(c, d))
    }
}

extension Reduce {
    /// A float reduction of `[rows, columns]` over its rows (a global pooling: `Mean` or `Sum` of NHWC over H and
    /// W), split into blocks of rows fixed by the shape: each block combines its rows into one Double partial per
    /// column, in row order, and the partials are then combined in block order. The blocks never depend on the
    /// thread count, so any number of workers gives the same bits.
    public struct RowSplit: Sendable {
        let function: ReduceFunction
        let rows: Int
        let columns: Int
        let blocks: Int

        /// The split for `shape` reduced over the flagged axes, or nil unless the kept axes are all after the
        /// reduced ones (unit axes aside) and the input has at least twice ``ComputeContext/elementwiseGrain``
        /// elements.
        public init?(_ function: ReduceFunction, shape: [Int], reduceAxes: [Bool]) {
            guard shape.count == reduceAxes.count, shape.allSatisfy({ $0 > 0 }) else { return nil }
            var rows = 1, columns = 1, seenKept = false
            for axis in shape.indices where shape[axis] != 1 {
                if reduceAxes[axis] {
                    if seenKept { return nil }
                    rows *= shape[axis]
                } else {
                    seenKept = true
                    columns *= shape[axis]
                }
            }
            let count = rows * columns
            let blocks = Swift.min(rows, count / ComputeContext.elementwiseGrain, 64)
            guard blocks > 1 else { return nil }
            self.function = function
            self.rows = rows
            self.columns = columns
            self.blocks = blocks
        }

        /// Bytes of scratch ``apply(input:output:scratch:context:)`` needs.
        public var scratchBytes: Int { blocks * columns * MemoryLayout<Double>.size }

        /// Reduces `input` into `output` (`columns` values) on `context`'s workers, with `scratch` of
        /// ``scratchBytes`` bytes (8-byte aligned).
        public func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                          scratch: UnsafeMutableRawPointer, context: ComputeContext) {
            let partials = scratch.bindMemory(to: Double.self, capacity: blocks * columns)
            let shared = UncheckedSendable((input: input, partials: partials))
            let rows = rows, columns = columns, blocks = blocks, function = function
            context.forEachTask(blocks) { block, _ in
                let first = rows * block / blocks, end = rows * (block + 1) / blocks
                let sums = shared.value.partials + block * columns
                var source = shared.value.input + first * columns
                for c in 0..<columns { sums[c] = Double(source[c]) }
                for _ in (first + 1)..<Swift.max(end, first + 1) {
                    source += columns
                    switch function {
                    case .sum, .mean: for c in 0..<columns { sums[c] += Double(source[c]) }
                    case .max: for c in 0..<columns { sums[c] = propagatingMax(sums[c], Double(source[c])) }
                    case .min: for c in 0..<columns { sums[c] = propagatingMin(sums[c], Double(source[c])) }
                    case .prod: for c in 0..<columns { sums[c] *= Double(source[c]) }
                    }
                }
            }
            let divisor = Double(rows)
            for c in 0..<columns {
                var value = partials[c]
                for block in 1..<blocks {
                    let partial = partials[block * columns + c]
                    switch function {
                    case .sum, .mean: value += partial
                    case .max: value = propagatingMax(value, partial)
                    case .min: value = propagatingMin(value, partial)
                    case .prod: value *= partial
                    }
                }
                output[c] = Float(function == .mean ? value / divisor : value)
            }
        }
    }
}
