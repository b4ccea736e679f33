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
    public static func apply<T: KernelScalar>(_ f: ReduceFunction, input: UnsafePointer<T>, shape: [Int],
                                              reduceAxes: [Bool], output: UnsafeMutablePointer<T>) {
        precondition(shape.count == reduceAxes.count, "Reduce: shape \(shape) and axis flags \(reduceAxes) differ in rank")
        // Concrete element types get fully specialised loops (see `Binary.apply`).
        let source = UnsafeRawPointer(input)
        let destination = UnsafeMutableRawPointer(output)
        if T.self == Float.self {
            ReduceLoop<Float>.run(f, input: source, shape: shape, reduceAxes: reduceAxes, output: destination)
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

/// The reduction loop nest for one element type.
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
            accumulate(input: input, shape: shape, reduceAxes: reduceAxes, output: output)
        }
        if f == .mean {
            let divisor = T.kernelCount(reducedCount)
            for i in 0..<outputCount { output[i] = T.kernelQuotient(output[i], divisor) }
        }
    }

    /// Adds every input element into its output slot (input is non-empty, output zeroed).
    private static func accumulate(input: UnsafePointer<T>, shape: [Int], reduceAxes: [Bool], output: UnsafeMutablePointer<T>) {
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
            output[0] = input[0]
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
                output[outputOffset] = T.kernelSum(output[outputOffset], rowSum(source, width))
            } else {
                let destination = output + outputOffset
                for i in 0..<width { destination[i] = T.kernelSum(destination[i], source[i]) }
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
    private static func rowSum(_ values: UnsafePointer<T>, _ count: Int) -> T {
        var a = T.zero, b = T.zero, c = T.zero, d = T.zero
        var i = 0
        while i + 4 <= count {
            a = T.kernelSum(a, values[i])
            b = T.kernelSum(b, values[i + 1])
            c = T.kernelSum(c, values[i + 2])
            d = T.kernelSum(d, values[i + 3])
            i += 4
        }
        while i < count {
            a = T.kernelSum(a, values[i])
            i += 1
        }
        return T.kernelSum(T.kernelSum(a, b), T.kernelSum(c, d))
    }
}
