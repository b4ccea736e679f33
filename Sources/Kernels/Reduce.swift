/// A reduction over some axes.
public enum ReduceFunction: Sendable, Hashable {
    /// Sum of the reduced elements (wrapping for integers).
    case sum
    /// Sum divided by the number of reduced elements (truncating for integers, NaN for an empty float reduction).
    case mean
}

/// Sum/mean reductions over an arbitrary set of axes.
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
            ReduceLoop<Double>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination)
        } else if T.self == Int32.self {
            ReduceLoop<Int32>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination)
        } else if T.self == Int64.self {
            ReduceLoop<Int64>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination)
        } else {
            ReduceLoop<T>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination)
        }
    }
}

/// The reduction of a non-Float element type, accumulated in the element type itself (exact for integers up to wrapping).
enum ReduceLoop<T: KernelScalar> {
    static func run(_ f: ReduceFunction, input rawInput: UnsafeRawPointer, shape: [Int],
                    reduceAxes: [Bool], output rawOutput: UnsafeMutableRawPointer) {
        let input = rawInput.assumingMemoryBound(to: T.self)
        let output = rawOutput.assumingMemoryBound(to: T.self)
        var outputCount = 1
        var reducedCount = 1
        for axis in 0..<shape.count {
            precondition(shape[axis] >= 0, "Reduce: negative dimension in \(shape)")
            if reduceAxes[axis] { reducedCount *= shape[axis] } else { outputCount *= shape[axis] }
        }
        guard outputCount > 0 else { return }
        output.update(repeating: T.zero, count: outputCount)
        if reducedCount > 0 {
            ReduceAccumulation<T, T>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: output) { $0 }
        }
        if f == .mean {
            let divisor = T.kernelCount(reducedCount)
            for i in 0..<outputCount { output[i] = T.kernelQuotient(output[i], divisor) }
        }
    }

}

/// Float reductions with Double accumulators.
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
            sums.initialize(repeating: 0, count: outputCount)
            if reducedCount > 0 {
                ReduceAccumulation<Float, Double>.run(input: input, shape: shape, reduceAxes: reduceAxes, output: sums) {
                    Double($0)
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

/// Adds every input element (converted to the accumulator type) into its output slot.
enum ReduceAccumulation<Element, T: KernelScalar> {
    /// `input` is non-empty and `output` zeroed.
    @inline(__always)
    static func run(input: UnsafePointer<Element>, shape: [Int], reduceAxes: [Bool], output: UnsafeMutablePointer<T>,
                    _ convert: (Element) -> T) {
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
            output[0] = convert(input[0])
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
                output[outputOffset] = T.kernelSum(output[outputOffset], rowSum(source, width, convert))
            } else {
                let destination = output + outputOffset
                for i in 0..<width { destination[i] = T.kernelSum(destination[i], convert(source[i])) }
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

    /// Sum of `count` contiguous values with four interleaved accumulators (vectorises, and keeps float
    /// rounding error lower than one running sum).
    @inline(__always)
    private static func rowSum(_ values: UnsafePointer<Element>, _ count: Int, _ convert: (Element) -> T) -> T {
        var a = T.zero, b = T.zero, c = T.zero, d = T.zero
        var i = 0
        while i + 4 <= count {
            a = T.kernelSum(a, convert(values[i]))
            b = T.kernelSum(b, convert(values[i + 1]))
            c = T.kernelSum(c, convert(values[i + 2]))
            d = T.kernelSum(d, convert(values[i + 3]))
            i += 4
        }
        while i < count {
            a = T.kernelSum(a, convert(values[i]))
            i += 1
        }
        return T.kernelSum(T.kernelSum(a, b), T.kernelSum(c, d))
    }
}
